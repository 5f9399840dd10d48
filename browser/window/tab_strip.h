#ifndef SANDTAB_BROWSER_WINDOW_TAB_STRIP_H_
#define SANDTAB_BROWSER_WINDOW_TAB_STRIP_H_

#include <cstddef>

#include "browser/common/ui_rect.h"

namespace sandtab::browser {

// The tab strip's geometry: `count` tabs side by side in `area`, each with
// a close button, then the new-tab button. Tabs share the width as Chrome's
// do (up to a widest tab, narrower as more open).
class TabStrip {
 public:
  static constexpr int kMaxTabWidth = 220;
  static constexpr int kNewTabWidth = 32;

  enum class Part { kNone, kTab, kClose, kNewTab };
  struct Hit {
    Part part = Part::kNone;
    size_t index = 0;  // the tab's, for kTab and kClose
  };

  TabStrip(UiRect area, size_t count);

  size_t count() const { return count_; }
  UiRect TabRect(size_t index) const;
  UiRect CloseRect(size_t index) const;
  UiRect NewTabRect() const;
  Hit HitTest(int x, int y) const;

 private:
  UiRect area_;
  size_t count_;
  int tab_width_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_TAB_STRIP_H_
