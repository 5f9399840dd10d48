#ifndef SANDTAB_BROWSER_NAVIGATION_HISTORY_H_
#define SANDTAB_BROWSER_NAVIGATION_HISTORY_H_

#include <optional>
#include <string>
#include <vector>

#include "browser/address_space.h"

namespace sandtab::browser {

// Back/forward list of one tab. Each entry remembers its scroll position,
// so going back (or restoring after a crash) lands where the user was.
class NavigationHistory {
 public:
  struct Entry {
    std::string url;
    int scroll_y = 0;
    // The address space of the document whose link started this entry, or
    // nullopt for the user's own. It stays with the entry: going back to
    // it, reloading it or restoring it after a crash is still bound by
    // Private Network Access as the first load was.
    std::optional<AddressSpace> initiator_space;
  };

  // A new navigation drops every forward entry.
  void Push(const std::string& url, std::optional<AddressSpace> initiator_space = std::nullopt) {
    if (index_ >= 0) entries_.resize(static_cast<size_t>(index_) + 1);
    entries_.push_back({url, 0, initiator_space});
    index_ = static_cast<int>(entries_.size()) - 1;
  }
  bool Back() { return index_ > 0 ? (--index_, true) : false; }
  bool Forward() { return index_ + 1 < static_cast<int>(entries_.size()) ? (++index_, true) : false; }

  const std::string& current_url() const { return index_ >= 0 ? entries_[index_].url : empty_; }
  std::optional<AddressSpace> current_initiator_space() const {
    return index_ >= 0 ? entries_[index_].initiator_space : std::nullopt;
  }
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
