#ifndef SANDTAB_BROWSER_TAB_FOREGROUND_TAB_H_
#define SANDTAB_BROWSER_TAB_FOREGROUND_TAB_H_

namespace sandtab::browser {

// Which tab is in the foreground, as a browser window shows one tab: the tab
// used last (opened, named by a shell command, activated in the window,
// driven over DevTools). Every other tab is hidden, and its renderer
// throttles it as Chrome does a background tab: animation frames stop, timers
// wake the page at most once per second (renderer/script/README.md). Only
// the bookkeeping: TabManager tells the tabs what changed.
class ForegroundTab {
 public:
  // What a use or a close changed: the tab that went to the background and
  // the one that came to the foreground (0: none).
  struct Change {
    int hidden = 0;
    int shown = 0;
    bool operator==(const Change&) const = default;
  };

  // Tab `id` was used: it is the foreground tab now.
  Change Use(int id);
  // Tab `id` closed. If it was the foreground tab, `next` (the most recently
  // used of the others; 0 when none is left) takes its place.
  Change Closed(int id, int next);
  int id() const { return foreground_; }
  bool IsHidden(int id) const { return id != foreground_; }

 private:
  int foreground_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_FOREGROUND_TAB_H_
