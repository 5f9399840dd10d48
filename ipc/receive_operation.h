#ifndef SANDTAB_IPC_RECEIVE_OPERATION_H_
#define SANDTAB_IPC_RECEIVE_OPERATION_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/version.hpp>

#include <cstdint>
#include <span>
#include <vector>

#include "base/unique_fd.h"

// Why this reaches into Asio's reactor: the public API can wait for
// readability (async_wait) and then recvmsg with ancillary data ourselves, but
// in Asio 1.18 (Boost 1.74, Debian 12) every async_wait re-registers the
// descriptor with epoll_ctl(EPOLL_CTL_MOD). That is one extra system call per
// message, about a tenth of a small round trip. Asio's own receive operations
// avoid it: the socket stays registered edge-triggered and the operation runs
// inside the reactor, first speculatively and then on the edge. Those
// operations cannot carry SCM_RIGHTS, so this is one of them that can: the
// same reactor contract (perform on readiness, complete on the loop), with
// recvmsg and a control buffer. It relies on reactor internals, hence the
// version check: on another Asio, re-read epoll_reactor::start_op and
// perform_io before changing the number.
static_assert(BOOST_ASIO_VERSION == 101800, "ipc/receive_operation.h is written against Asio 1.18's epoll reactor");

namespace sandtab::ipc {

// A stream socket that lets its owner reach the reactor's per-descriptor state.
class ReactorSocket : public boost::asio::local::stream_protocol::socket {
 public:
  using Base = boost::asio::local::stream_protocol::socket;
  using Base::Base;
  boost::asio::detail::reactor::per_descriptor_data& reactor_data() { return impl_.get_implementation().reactor_data_; }
};

// One recvmsg into a caller's buffer, run by the reactor. Owned by its user
// and reused for every read, so a read allocates nothing; at most one is
// outstanding. The user's completion runs on the io_context, never inside
// Start, with `owner_alive` false when the io_context is being destroyed
// (then it must only let go of what keeps it alive).
class ReceiveOperation : public boost::asio::detail::reactor_op {
 public:
  struct Result {
    ssize_t bytes;               // > 0 data, 0 end of stream, < 0 failed (see error)
    int error;                   // errno when bytes < 0; ECANCELED when the socket closed
    std::vector<UniqueFd>* fds;  // arrived with the bytes; the user takes them
    pid_t sender;                // who sent them, on a socket that reports senders (ReportSenders); else 0
  };
  using Completion = void (*)(void* user, bool owner_alive, const Result& result);

  ReceiveOperation(boost::asio::io_context& io, void* user, Completion completion);

  // Reads into `buffer` once the socket is readable (or at once, if the
  // reactor saw it readable and not yet drained).
  void Start(ReactorSocket& socket, std::span<uint8_t> buffer);

 private:
  static status Perform(boost::asio::detail::reactor_op* base);
  static void Complete(void* owner, boost::asio::detail::scheduler_operation* base,
                       const boost::system::error_code& ignored, std::size_t);

  boost::asio::detail::reactor& reactor_;
  void* user_;
  Completion completion_;
  int socket_ = -1;
  std::span<uint8_t> buffer_;
  ssize_t bytes_ = 0;
  int error_ = 0;
  pid_t sender_ = 0;
  std::vector<UniqueFd> fds_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_RECEIVE_OPERATION_H_
