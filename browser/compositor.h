#ifndef SANDTAB_BROWSER_COMPOSITOR_H_
#define SANDTAB_BROWSER_COMPOSITOR_H_

#include <vector>

#include "browser/png_writer.h"

namespace sandtab::browser {

class Tab;

// Turns tabs into pictures: a tab's front buffer as it is, or its last good
// frame dimmed under a sad-tab overlay naming the cause; and every tab side
// by side, each labelled with its id, pid and state.
class Compositor {
 public:
  static Image ComposeTab(const Tab& tab);
  static Image ComposeAll(const std::vector<const Tab*>& tabs);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_H_
