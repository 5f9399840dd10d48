#ifndef SANDTAB_BROWSER_WINDOW_WINDOW_LAYOUT_H_
#define SANDTAB_BROWSER_WINDOW_WINDOW_LAYOUT_H_

#include "browser/common/ui_rect.h"

namespace sandtab::browser {

// Where each part of the window is, for a window of a given size: the tab
// strip on top, the toolbar (back, forward, reload, the address bar), the
// page, the status line. Drawing and hit-testing both read it.
struct WindowLayout {
  static constexpr int kTabStripHeight = 34;
  static constexpr int kToolbarHeight = 40;
  static constexpr int kStatusHeight = 24;
  static constexpr int kChromeHeight = kTabStripHeight + kToolbarHeight + kStatusHeight;
  static constexpr int kMinPageHeight = 60;
  static constexpr int kMinWidth = 320;

  static WindowLayout For(int width, int height);

  int width = 0;
  int height = 0;
  UiRect tab_strip;
  UiRect toolbar;
  UiRect back;
  UiRect forward;
  UiRect reload;
  UiRect address;
  UiRect page;
  UiRect status;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_WINDOW_LAYOUT_H_
