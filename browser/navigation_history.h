#ifndef SANDTAB_BROWSER_NAVIGATION_HISTORY_H_
#define SANDTAB_BROWSER_NAVIGATION_HISTORY_H_

#include <string>
#include <vector>

namespace sandtab::browser {

// Back/forward list of one tab. Each entry remembers its scroll position,
// so going back (or restoring after a crash) lands where the user was.
class NavigationHistory {
 public:
  struct Entry {
    std::string url;
    int scroll_y = 0;
  };

  // A new navigation drops every forward entry.
  void Push(const std::string& url) {
    if (index_ >= 0) entries_.resize(static_cast<size_t>(index_) + 1);
    entries_.push_back({url, 0});
    index_ = static_cast<int>(entries_.size()) - 1;
  }
  bool Back() { return index_ > 0 ? (--index_, true) : false; }
  bool Forward() { return index_ + 1 < static_cast<int>(entries_.size()) ? (++index_, true) : false; }

  const std::string& current_url() const { return index_ >= 0 ? entries_[index_].url : empty_; }
  int current_scroll() const { return index_ >= 0 ? entries_[index_].scroll_y : 0; }
  void set_current_scroll(int scroll_y) {
    if (index_ >= 0) entries_[index_].scroll_y = scroll_y;
  }
  size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
  int index_ = -1;
  std::string empty_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_NAVIGATION_HISTORY_H_
