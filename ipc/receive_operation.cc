#include "ipc/receive_operation.h"

#include <cerrno>

#include "ipc/fd_passing.h"

namespace sandtab::ipc {

namespace asio_detail = boost::asio::detail;

ReceiveOperation::ReceiveOperation(boost::asio::io_context& io, void* user, Completion completion)
    : reactor_op(boost::system::error_code(), &ReceiveOperation::Perform, &ReceiveOperation::Complete),
      reactor_(boost::asio::use_service<asio_detail::reactor>(static_cast<boost::asio::execution_context&>(io))),
      user_(user),
      completion_(completion) {}

void ReceiveOperation::Start(ReactorSocket& socket, std::span<uint8_t> buffer) {
  socket_ = socket.native_handle();
  buffer_ = buffer;
  // The reactor may complete an operation it never performed (it is shutting
  // down); that must read as a cancellation, not as end of stream.
  bytes_ = -1;
  error_ = ECANCELED;
  sender_ = 0;
  ec_ = boost::system::error_code();
  bytes_transferred_ = 0;
  reactor_.start_op(asio_detail::reactor::read_op, socket_, socket.reactor_data(), this,
                    /*is_continuation=*/false, /*allow_speculative=*/true);
}

// Runs inside the reactor. A short read tells it the socket is drained, so the
// next Start queues without a speculative recvmsg and waits for the edge. New
// bytes raise a new edge; a hang-up that came before the edge this read
// answered does not, which is what HangupWatcher is for.
asio_detail::reactor_op::status ReceiveOperation::Perform(asio_detail::reactor_op* base) {
  auto* op = static_cast<ReceiveOperation*>(base);
  const ssize_t n = ReceiveWithFds(op->socket_, op->buffer_, &op->fds_, &op->sender_);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return not_done;
  op->bytes_ = n;
  op->error_ = n < 0 ? errno : 0;
  // Linux also ends a read after a segment that carried fds, and, on a
  // socket that reports senders, before bytes of another sender, with more
  // data possibly behind it: such a short read proves nothing. (Taken as
  // drained, the bytes behind it would wait for an edge that never comes: a
  // zygote child's ForkedChild behind the zygote's Forked did.)
  if (n >= 0 && static_cast<size_t>(n) < op->buffer_.size() && op->fds_.empty() && op->sender_ == 0) {
    return done_and_exhausted;
  }
  return done;
}

void ReceiveOperation::Complete(void* owner, asio_detail::scheduler_operation* base, const boost::system::error_code&,
                                std::size_t) {
  auto* op = static_cast<ReceiveOperation*>(base);
  Result result{op->bytes_, op->error_, &op->fds_, op->sender_};
  if (op->ec_) {
    result.bytes = -1;
    result.error = op->ec_ == boost::asio::error::operation_aborted ? ECANCELED : op->ec_.value();
  }
  // The completion may destroy the owner of this operation: nothing of `op`
  // is touched after it.
  op->completion_(op->user_, owner != nullptr, result);
}

}  // namespace sandtab::ipc
