#ifndef SANDTAB_BROWSER_TAB_TAB_ACTIVITY_H_
#define SANDTAB_BROWSER_TAB_TAB_ACTIVITY_H_

#include <chrono>

namespace sandtab::browser {

// How a tab is being used, which the browser's budgets decide by, as Chrome's
// tab lifecycle units keep for discarding and throttling: when it was last
// used (the surface budget releases the least recently used surfaces first),
// whether its surface is pinned (the window holds the tab it shows; the
// contact sheet holds the few it brought back until it has drawn them), and whether it is in the background
// (ForegroundTab says which; its renderer throttles a hidden page).
class TabActivity {
 public:
  using Clock = std::chrono::steady_clock;

  Clock::time_point last_used() const { return last_used_; }
  void MarkUsed() { last_used_ = Clock::now(); }

  // Pins nest: the window's and the contact sheet's are independent.
  bool pinned() const { return pins_ > 0; }
  void Pin(bool pinned) {
    if (pinned) {
      ++pins_;
    } else if (pins_ > 0) {
      --pins_;
    }
  }

  bool hidden() const { return hidden_; }
  // Whether this changed anything (the renderer is told only then).
  bool SetHidden(bool hidden) {
    if (hidden == hidden_) return false;
    hidden_ = hidden;
    return true;
  }

 private:
  Clock::time_point last_used_ = Clock::now();
  int pins_ = 0;
  bool hidden_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_ACTIVITY_H_
