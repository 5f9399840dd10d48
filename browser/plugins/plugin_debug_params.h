#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_DEBUG_PARAMS_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_DEBUG_PARAMS_H_

#include <string>
#include <utility>
#include <vector>

namespace sandtab::browser {

// The <embed> params that make a plugin fault on purpose (crash, hang,
// badmessage: plugin/debug_params.h). They break the one process every tab
// shares, so, like Chrome's debug URLs, they are the user's: the browser
// forwards them only under --enable-plugin-debug, and otherwise refuses the
// instance. The name is compared without case and whatever the value, a
// superset of what the plugin acts on (exactly "crash" = "1"), so no
// spelling gets past the browser to a plugin that acts on it.
// Returns the debug action the first such param names ("crash", "hang",
// "badmessage"), or "" when there is none.
std::string FindPluginDebugParam(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_DEBUG_PARAMS_H_
