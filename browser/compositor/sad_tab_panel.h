#ifndef SANDTAB_BROWSER_COMPOSITOR_SAD_TAB_PANEL_H_
#define SANDTAB_BROWSER_COMPOSITOR_SAD_TAB_PANEL_H_

#include <cairo.h>

#include <string>

#include "browser/common/ui_rect.h"

namespace sandtab::browser {

// The sad tab (DESIGN section 16): the dead renderer's last frame dimmed
// under a panel that names the death record's cause and the crash policy's
// decision. Screenshots draw it without a button; the window adds Reload,
// and hit-tests it with the same layout it was drawn with.
class SadTabPanel {
 public:
  struct Layout {
    UiRect box;
    UiRect reload;  // empty without the button
  };
  static Layout LayoutFor(int width, int height, bool reload_button);
  // Over whatever `cr` already holds in (0, 0, width, height): the page.
  static void Draw(cairo_t* cr, int width, int height, const std::string& cause, const std::string& decision,
                   bool reload_button);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_SAD_TAB_PANEL_H_
