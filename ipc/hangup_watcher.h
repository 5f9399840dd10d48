#ifndef SANDTAB_IPC_HANGUP_WATCHER_H_
#define SANDTAB_IPC_HANGUP_WATCHER_H_

#include <boost/asio/execution_context.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <cstdint>
#include <functional>
#include <unordered_map>

#include "base/unique_fd.h"

namespace sandtab::ipc {

// Hears peers hang up, and nothing else. A second epoll instance, private to
// this io_context, holds the watched sockets with EPOLLRDHUP only (EPOLLHUP and
// EPOLLERR come regardless), so a byte of data never wakes it and the channels'
// hot path pays nothing for it.
//
// Why it exists: ReceiveOperation treats a short read as "drained" and waits
// for the next edge instead of spending a recvmsg to hear EAGAIN. That is
// exact for data, but a hang-up delivered in the same edge as the last bytes
// raises no further edge on the io_context's epoll. This instance has edges of
// its own, so the hang-up is still heard.
class HangupWatcher : public boost::asio::execution_context::service {
 public:
  using key_type = HangupWatcher;
  static boost::asio::execution_context::id id;

  // Made by boost::asio::use_service<HangupWatcher>(io).
  explicit HangupWatcher(boost::asio::io_context& io);
  ~HangupWatcher() override;

  // Calls `on_hangup` once, on the io_context, after `socket`'s peer hung up
  // or the socket failed. Returns a token for Remove, or 0 if the socket
  // cannot be watched (the caller then has to read until EAGAIN itself).
  uint64_t Add(int socket, std::function<void()> on_hangup);
  // Before the socket closes. Unknown tokens are ignored.
  void Remove(int socket, uint64_t token);

 private:
  void shutdown() override;
  void Arm();
  void Deliver();

  UniqueFd epoll_;
  boost::asio::posix::stream_descriptor readiness_;
  struct Watch {
    int socket;
    std::function<void()> on_hangup;
  };
  std::unordered_map<uint64_t, Watch> watches_;
  uint64_t next_token_ = 1;
  bool armed_ = false;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_HANGUP_WATCHER_H_
