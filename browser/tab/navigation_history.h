#ifndef SANDTAB_BROWSER_TAB_NAVIGATION_HISTORY_H_
#define SANDTAB_BROWSER_TAB_NAVIGATION_HISTORY_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "proto/limits.h"

#include "browser/loader/address_space.h"

namespace sandtab::browser {

// Back/forward list of one tab. Each entry remembers its scroll position,
// so going back (or restoring after a crash) lands where the user was.
//
// A renderer can navigate its tab as often as it likes, and the list
// outlives the renderer, so it is bounded in entries and bytes: past either
// bound the oldest entries go, as in Chrome. Back stops at the oldest kept
// entry; the current entry is never dropped.
class NavigationHistory {
 public:
  // Chrome's kMaxSessionHistoryEntries.
  static constexpr size_t kMaxEntries = 50;
  // URLs may be 2 MiB (proto::kMaxUrlBytes): room for the current entry and
  // the one Back returns to even at that size, plus 1 MiB for the others (50
  // entries of any ordinary URL). A flood of long URLs costs a tab 5 MiB,
  // not 50 x 2 MiB.
  static constexpr size_t kMaxBytes = 2 * proto::kMaxUrlBytes + (1u << 20);

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
    while (entries_.size() > index_ + 1) PopBack();
    entries_.push_back({url, 0, initiator_space});
    bytes_ += url.size();
    index_ = entries_.size() - 1;
    while (entries_.size() > 1 && (entries_.size() > kMaxEntries || bytes_ > kMaxBytes)) {
      bytes_ -= entries_.front().url.size();
      entries_.pop_front();
      --index_;
      ++dropped_;
    }
  }
  // The current entry landed elsewhere (a redirect): it names where, as
  // Chrome's entries name the URL committed, so going back returns there.
  void ReplaceCurrentUrl(const std::string& url) {
    if (entries_.empty()) return Push(url);
    bytes_ = bytes_ - entries_[index_].url.size() + url.size();
    entries_[index_].url = url;
  }
  bool Back() { return !entries_.empty() && index_ > 0 ? (--index_, true) : false; }
  bool Forward() { return index_ + 1 < entries_.size() ? (++index_, true) : false; }

  const std::string& current_url() const { return entries_.empty() ? empty_ : entries_[index_].url; }
  std::optional<AddressSpace> current_initiator_space() const {
    return entries_.empty() ? std::nullopt : entries_[index_].initiator_space;
  }
  int current_scroll() const { return entries_.empty() ? 0 : entries_[index_].scroll_y; }
  void set_current_scroll(int scroll_y) {
    if (!entries_.empty()) entries_[index_].scroll_y = scroll_y;
  }
  size_t size() const { return entries_.size(); }
  size_t index() const { return index_; }
  size_t bytes() const { return bytes_; }      // of the URLs kept
  size_t dropped() const { return dropped_; }  // oldest entries let go over the tab's life

 private:
  void PopBack() {
    bytes_ -= entries_.back().url.size();
    entries_.pop_back();
  }

  std::deque<Entry> entries_;
  size_t index_ = 0;  // meaningful only when entries_ is not empty
  size_t bytes_ = 0;
  size_t dropped_ = 0;
  std::string empty_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_NAVIGATION_HISTORY_H_
