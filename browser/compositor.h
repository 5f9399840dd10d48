#ifndef SANDTAB_BROWSER_COMPOSITOR_H_
#define SANDTAB_BROWSER_COMPOSITOR_H_

#include <vector>

#include "browser/png_writer.h"

namespace sandtab::browser {

class Tab;
class PluginBroker;

// Turns tabs into pictures: a tab's front buffer as it is, or its last good
// frame dimmed under a sad-tab overlay naming the cause; and every tab side
// by side, each labelled with its id, pid and state.
class Compositor {
 public:
  // The tab with its plugin instances composited at their placeholders,
  // clipped to the viewport and following scroll.
  static Image ComposeTab(const Tab& tab, const PluginBroker* plugins);
  static Image ComposeAll(const std::vector<const Tab*>& tabs, const PluginBroker* plugins);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_H_
