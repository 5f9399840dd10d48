#include "ipc/hangup_watcher.h"

#include <sys/epoll.h>

#include <array>

namespace sandtab::ipc {

boost::asio::execution_context::id HangupWatcher::id;

HangupWatcher::HangupWatcher(boost::asio::io_context& io)
    : boost::asio::execution_context::service(io), epoll_(::epoll_create1(EPOLL_CLOEXEC)), readiness_(io) {
  if (!epoll_) return;
  boost::system::error_code ec;
  readiness_.assign(::dup(epoll_.get()), ec);
  if (ec) epoll_.Reset();
}

HangupWatcher::~HangupWatcher() = default;

void HangupWatcher::shutdown() {
  watches_.clear();
  boost::system::error_code ignored;
  readiness_.close(ignored);
}

uint64_t HangupWatcher::Add(int socket, std::function<void()> on_hangup) {
  if (!epoll_) return 0;
  const uint64_t token = next_token_++;
  // One-shot: a socket hangs up once; after that its owner reads to the end.
  epoll_event event{};
  event.events = EPOLLRDHUP | EPOLLONESHOT;
  event.data.u64 = token;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, socket, &event) != 0) return 0;
  watches_.emplace(token, Watch{socket, std::move(on_hangup)});
  Arm();
  return token;
}

void HangupWatcher::Remove(int socket, uint64_t token) {
  if (token == 0 || !epoll_) return;
  if (watches_.erase(token) == 0) return;
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, socket, nullptr);
  // A pending wait is outstanding work: with nothing watched it would keep
  // io_context::run from returning.
  if (watches_.empty() && armed_) readiness_.cancel();
}

void HangupWatcher::Arm() {
  if (armed_ || !readiness_.is_open()) return;
  armed_ = true;
  readiness_.async_wait(boost::asio::posix::descriptor_base::wait_read, [this](const boost::system::error_code& ec) {
    armed_ = false;
    if (ec) {
      // Cancelled when the last watch went; a watch
      // added since needs the wait back.
      if (!watches_.empty()) Arm();
      return;
    }
    Deliver();
  });
}

void HangupWatcher::Deliver() {
  std::array<epoll_event, 64> events;
  for (;;) {
    const int n = ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()), 0);
    if (n <= 0) break;
    for (int i = 0; i < n; ++i) {
      // A copy: epoll_event is packed, so its u64 is misaligned, and
      // find() would bind a reference to it (undefined behaviour).
      const uint64_t key = events[i].data.u64;
      auto it = watches_.find(key);
      if (it == watches_.end()) continue;
      // Removed before the call: the callback may close the socket.
      Watch watch = std::move(it->second);
      watches_.erase(it);
      ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, watch.socket, nullptr);
      watch.on_hangup();
    }
    if (n < static_cast<int>(events.size())) break;
  }
  if (!watches_.empty()) Arm();
}

}  // namespace sandtab::ipc
