#include "browser/plugins/plugin_debug_params.h"

#include <strings.h>

namespace sandtab::browser {

std::string FindPluginDebugParam(const std::vector<std::pair<std::string, std::string>>& params) {
  for (const auto& [name, value] : params) {
    for (const char* debug : {"crash", "hang", "badmessage"}) {
      if (::strcasecmp(name.c_str(), debug) == 0) return debug;  // ours, not the page's spelling
    }
  }
  return {};
}

}  // namespace sandtab::browser
