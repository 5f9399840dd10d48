#ifndef SANDTAB_BROWSER_TAB_FETCH_BODY_PACER_H_
#define SANDTAB_BROWSER_TAB_FETCH_BODY_PACER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "base/weak_anchor.h"
#include "browser/loader/resource_loader.h"
#include "ipc/unread_attachments.h"

namespace sandtab::browser {

// Fetches a tab's renderer may have asked and not yet been answered, in its
// current navigation (a new one, or a new renderer, starts from zero).
inline constexpr size_t kMaxOutstandingFetches = 256;

// Fetch bodies are not turned into memfds faster than the renderer takes
// them (security review M2). A body over the inline limit travels as a
// memfd, and a frame carrying one is ~60 bytes: without pacing, a renderer
// that stops reading while its fetches complete would have the browser
// create memfds for as long as it asks, each pinned in the socket buffer.
//
// So a tab sends body memfds only while those the renderer has not read yet
// stay inside a window (kWindowFds, kWindowBytes); answers past it wait here,
// as bodies the loader already holds, and go as soon as the renderer reads.
// An honest renderer has at most 64 fetches of a kind in flight, so a queue
// past kMaxWaiting means a renderer that asks and does not read: it is killed
// as a bad message, long before the hang monitor would notice.
class FetchBodyPacer {
 public:
  // Room for an honest renderer's 64 image fetches in flight at once (its
  // kMaxFetchesInFlight) with bodies of up to 1 MiB each.
  static constexpr size_t kWindowFds = 64;
  static constexpr size_t kWindowBytes = 64u << 20;
  // Answers waiting for the window: above every kind's in-flight limit put
  // together, as the tab's own cap on outstanding fetches is.
  static constexpr size_t kMaxWaiting = 256;
  // How often waiting answers look at the window again (the kernel does not
  // say when the renderer reads, only how much is still unread).
  static constexpr std::chrono::milliseconds kRetryInterval{5};

  struct Hooks {
    // The channel's unread attachments (fds and their bytes).
    std::function<ipc::UnreadAttachments::Totals()> unread;
    // Sends one answer now.
    std::function<void(uint64_t request_id, FetchResult result)> send;
    // The renderer asks and does not read: kill it as a bad message.
    std::function<void(const std::string& reason)> bad_message;
  };

  FetchBodyPacer(boost::asio::io_context& io, Hooks hooks);

  // An answer whose body travels as a memfd: sent now if the window has room
  // and nothing waits before it, else queued.
  void Offer(uint64_t request_id, FetchResult result);
  // Drops waiting answers (a new navigation or renderer: they are stale).
  void Clear();

  size_t waiting() const { return waiting_.size(); }
  size_t waiting_bytes() const { return waiting_bytes_; }

 private:
  struct Waiting {
    uint64_t request_id;
    FetchResult result;
  };
  bool Fits(size_t body_bytes);
  void SendWhatFits();
  void ArmRetry();

  Hooks hooks_;
  boost::asio::steady_timer retry_;
  WeakAnchor anchor_;  // for the retry's handler
  bool retry_armed_ = false;
  std::deque<Waiting> waiting_;
  size_t waiting_bytes_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_FETCH_BODY_PACER_H_
