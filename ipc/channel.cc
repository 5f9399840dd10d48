#include "ipc/channel.h"

#include <google/protobuf/message_lite.h>

#include <boost/asio/post.hpp>

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>

#include "ipc/fd_passing.h"

namespace sandtab::ipc {
namespace {

// Each recvmsg offers at least this much room.
constexpr size_t kReadChunkBytes = 64 * 1024;
// Room for the small messages without growing: a message's size creeps up
// with its varints (a frame's sequence number passing 127 adds a byte), and
// each creep past the capacity would be an allocation on the frame path.
constexpr size_t kInitialSendBytes = 1024;
// A send buffer that grew past this for one large frame is given back once
// it drains, rather than pinned at its peak for the channel's life.
constexpr size_t kKeptSendBytes = 1u << 20;

}  // namespace

std::shared_ptr<Channel> Channel::Create(boost::asio::io_context& io, UniqueFd socket) {
  return std::shared_ptr<Channel>(new Channel(io, std::move(socket)));
}

Channel::Channel(boost::asio::io_context& io, UniqueFd socket)
    : socket_(io),
      receive_(io, this, &Channel::OnReceived),
      hangup_watcher_(boost::asio::use_service<HangupWatcher>(io)) {
  boost::system::error_code ec;
  socket_.assign(boost::asio::local::stream_protocol(), socket.Release(), ec);
  if (!ec) socket_.non_blocking(true, ec);
  if (ec) open_ = false;
  out_.reserve(kInitialSendBytes);
}

Channel::~Channel() { hangup_watcher_.Remove(socket_.native_handle(), hangup_token_); }

int Channel::native_handle() { return socket_.native_handle(); }

// Bytes may have arrived before Start; the receive runs speculatively first,
// so they are read without waiting for a new readiness edge.
void Channel::Start(Delegate* delegate, FdPolicy policy) {
  delegate_ = delegate;
  fd_policy_ = policy;
  if (!open_) return;
  // Without a watcher a short read cannot be trusted to mean "drained".
  if (!WatchForHangup()) hangup_heard_ = true;
  ArmRead();
}

bool Channel::WatchForHangup() {
  hangup_watcher_.Remove(socket_.native_handle(), hangup_token_);
  hangup_token_ = hangup_watcher_.Add(socket_.native_handle(), [weak = weak_from_this()] {
    if (auto self = weak.lock()) self->OnHangup();
  });
  return hangup_token_ != 0;
}

void Channel::ArmRead() {
  if (read_armed_ || !open_) return;
  if (hangup_heard_) return ReadToTheEnd();
  read_armed_ = true;
  receiving_self_ = shared_from_this();
  receive_.Start(socket_, reader_.WritableSpace(kReadChunkBytes));
}

void Channel::OnReceived(void* self, bool loop_alive, const ReceiveOperation::Result& result) {
  auto* channel = static_cast<Channel*>(self);
  std::shared_ptr<Channel> keep_alive = std::move(channel->receiving_self_);
  channel->read_armed_ = false;
  if (!loop_alive) {
    result.fds->clear();
    return;  // the io_context is going away; so may we
  }
  channel->HandleReceived(result);
}

// Each receive is one recvmsg; a full buffer means more may be waiting, which
// the re-armed receive finds at once (the reactor still counts the socket as
// readable). A short read means drained: the next receive waits for an edge.
void Channel::HandleReceived(const ReceiveOperation::Result& result) {
  std::vector<UniqueFd> fds = std::move(*result.fds);
  result.fds->clear();
  if (!open_) return;
  const ssize_t n = result.bytes;
  if (n > 0) {
    if (!TakeReceived(static_cast<size_t>(n), std::move(fds), result.sender)) return;
    ArmRead();
    return;
  }
  if (n == 0) {
    if (reader_.HasPartialFrame()) {
      Fail(CloseCause::kProtocolError, "peer closed the channel in the middle of a frame");
    } else {
      Fail(CloseCause::kPeerClosed, "peer closed the channel");
    }
    return;
  }
  if (result.error == ECANCELED) {
    if (hangup_heard_) ReadToTheEnd();  // cancelled by OnHangup, not closed
    return;
  }
  if (result.error == EMSGSIZE) {
    Fail(CloseCause::kProtocolError, "more file descriptors than a frame may carry");
  } else {
    Fail(CloseCause::kIoError, std::string("receive failed: ") + std::strerror(result.error));
  }
}

// The peer hung up (or the socket failed). The armed receive may wait for an
// edge that already passed, so it is cancelled and the rest is read here.
void Channel::OnHangup() {
  if (!open_) return;
  hangup_heard_ = true;
  if (read_armed_) {
    boost::system::error_code ignored;
    socket_.cancel(ignored);  // the receive completes with ECANCELED
  }
}

// Reads until the end of the stream, an error or (unexpectedly, after a
// hang-up) EAGAIN, which hands the socket back to the armed receive.
void Channel::ReadToTheEnd() {
  auto self = shared_from_this();  // the delegate may drop its reference
  for (;;) {
    std::vector<UniqueFd> fds;
    pid_t sender = 0;
    const ssize_t n = ReceiveWithFds(socket_.native_handle(), reader_.WritableSpace(kReadChunkBytes), &fds, &sender);
    if (n > 0) {
      if (!TakeReceived(static_cast<size_t>(n), std::move(fds), sender)) return;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && WatchForHangup()) {
      // Not the end after all (an error event without a hang-up): the watch
      // fired once, so it was renewed, and the fast path may resume.
      hangup_heard_ = false;
      ArmRead();
      return;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // No watcher: the old way, a wait that re-registers and so sees a
      // hang-up whenever it came.
      read_armed_ = true;
      socket_.async_wait(boost::asio::socket_base::wait_read, [self](const boost::system::error_code& ec) {
        self->read_armed_ = false;
        if (!ec && self->open_) self->ReadToTheEnd();
      });
      return;
    }
    HandleReceived({n, n < 0 ? errno : 0, &fds, sender});
    return;
  }
}

// An end that accepts no fds refuses them the moment they arrive, and closes
// them: waiting for the frame they came in to complete would let a peer
// stream fds inside a 16 MiB frame that never ends and fill our fd table.
bool Channel::TakeReceived(size_t bytes, std::vector<UniqueFd> fds, pid_t sender) {
  if (!fds.empty() && fd_policy_ == FdPolicy::kRejectFds) {
    fds.clear();
    Fail(CloseCause::kProtocolError, "peer sent file descriptors, which only the browser may send");
    return false;
  }
  reader_.Commit(bytes, std::move(fds));
  sender_pid_ = sender;
  return DispatchFrames();
}

bool Channel::DispatchFrames() {
  for (;;) {
    switch (reader_.Next(&frame_)) {
      case FrameReader::Status::kNeedMore:
        return true;
      case FrameReader::Status::kError:
        Fail(CloseCause::kProtocolError, reader_.error());
        return false;
      case FrameReader::Status::kFrame:
        if (delegate_) delegate_->OnFrame(frame_.body, frame_.fds);
        frame_.fds.clear();
        if (!open_) return false;
        break;
    }
  }
}

bool Channel::Send(const google::protobuf::MessageLite& message, std::vector<UniqueFd> fds) {
  if (!open_) return false;
  const size_t length = message.ByteSizeLong();
  if (!IsValidFrameLength(length)) return false;
  if (queued_bytes() + length > kMaxQueuedBytes) {
    Fail(CloseCause::kIoError, "peer is not reading (" + std::to_string(queued_bytes()) + " bytes queued)");
    return false;
  }
  size_t attached_bytes = 0;
  if (!fds.empty()) {
    attached_bytes = UnreadAttachments::BytesOf(fds);
    ReleaseReadAttachments();
    const UnreadAttachments::Totals& unread = unread_.totals();
    if (unread.fds + fds.size() > kMaxUnreadFds || unread.bytes + attached_bytes > kMaxUnreadAttachedBytes) {
      Fail(CloseCause::kIoError, "peer is not reading (" + std::to_string(unread.fds) + " file descriptors holding " +
                                     std::to_string(unread.bytes) + " bytes sent and not read)");
      return false;
    }
  }
  if (sent_ == out_.size()) {
    out_.clear();  // keeps capacity: no allocation per frame once warm
    sent_ = 0;
  }
  const size_t frame_begin = out_.size();
  out_.resize(frame_begin + kFrameHeaderBytes + length);
  EncodeFrameHeader(static_cast<uint32_t>(length), &out_[frame_begin]);
  message.SerializeWithCachedSizesToArray(&out_[frame_begin + kFrameHeaderBytes]);
  if (!fds.empty()) {
    // out_[i] is at stream offset stream_written_ - sent_ + i.
    unread_.Add(stream_written_ - sent_ + out_.size(), fds.size(), attached_bytes);
    queued_fds_.push_back({frame_begin, out_.size(), std::move(fds)});
  }
  if (!write_armed_) Flush();
  return open_;
}

void Channel::Flush() {
  while (open_ && sent_ < out_.size()) {
    size_t end = out_.size();
    int raw_fds[kMaxFdsPerFrame];
    std::span<const int> fds;
    if (!queued_fds_.empty()) {
      QueuedFds& next = queued_fds_.front();
      if (next.frame_begin == sent_) {
        // A frame carrying fds goes alone in its sendmsg (see FrameReader).
        end = next.frame_end;
        for (size_t i = 0; i < next.fds.size() && i < kMaxFdsPerFrame; ++i) {
          raw_fds[i] = next.fds[i].get();
        }
        fds = {raw_fds, next.fds.size()};
      } else {
        end = next.frame_begin;
      }
    }
    ssize_t n = SendWithFds(socket_.native_handle(), {&out_[sent_], end - sent_}, fds);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        write_armed_ = true;
        socket_.async_wait(boost::asio::socket_base::wait_write,
                           [self = shared_from_this()](const boost::system::error_code&) {
                             // Also after a cancel (OnHangup cancels every
                             // operation): a half-closed peer may still read.
                             self->write_armed_ = false;
                             self->Flush();
                           });
        return;
      }
      Fail(CloseCause::kIoError, std::string("send failed: ") + std::strerror(errno));
      return;
    }
    // The kernel holds its own references now; ours can close.
    if (!fds.empty()) queued_fds_.pop_front();
    sent_ += static_cast<size_t>(n);
    stream_written_ += static_cast<uint64_t>(n);
  }
  if (sent_ == out_.size()) {
    out_.clear();
    sent_ = 0;
    ShrinkSendBuffer();
  }
}

void Channel::ShrinkSendBuffer() {
  if (out_.capacity() <= kKeptSendBytes) return;
  std::vector<uint8_t>().swap(out_);
  out_.reserve(kInitialSendBytes);
}

// What the kernel still holds for the peer (SIOCOUTQ on a Unix socket: the
// buffers of the segments it has not consumed, never less than their
// payload) bounds from above what it has not read; everything before that
// it has read. So an attachment is released late, never early.
void Channel::ReleaseReadAttachments() {
  if (unread_.empty()) return;
  int in_kernel = 0;
  if (::ioctl(socket_.native_handle(), SIOCOUTQ, &in_kernel) != 0 || in_kernel < 0) return;
  const uint64_t held = static_cast<uint64_t>(in_kernel);
  unread_.ReadUpTo(stream_written_ > held ? stream_written_ - held : 0);
}

UnreadAttachments::Totals Channel::unread_attachments() {
  ReleaseReadAttachments();
  return unread_.totals();
}

void Channel::Fail(CloseCause cause, const std::string& reason) {
  if (!open_) return;
  CloseSocket();
  // Posted, so a delegate never sees its channel die inside its own Send.
  boost::asio::post(socket_.get_executor(), [self = shared_from_this(), cause, reason] {
    if (self->delegate_) self->delegate_->OnChannelClosed(cause, reason);
  });
}

void Channel::Close() {
  delegate_ = nullptr;
  CloseSocket();
}

void Channel::CloseSocket() {
  if (!open_) return;
  open_ = false;
  hangup_watcher_.Remove(socket_.native_handle(), hangup_token_);
  hangup_token_ = 0;
  boost::system::error_code ignored;
  socket_.close(ignored);
  out_.clear();
  out_.shrink_to_fit();
  sent_ = 0;
  queued_fds_.clear();
  unread_.Clear();
}

}  // namespace sandtab::ipc
