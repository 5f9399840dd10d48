#include "ipc/channel.h"

#include <google/protobuf/message_lite.h>

#include <boost/asio/post.hpp>

#include <cerrno>
#include <cstring>

#include "ipc/fd_passing.h"

namespace sandtab::ipc {
namespace {

// Each recvmsg offers at least this much room.
constexpr size_t kReadChunkBytes = 64 * 1024;

void WriteLittleEndian32(uint8_t* p, uint32_t v) {
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

}  // namespace

std::shared_ptr<Channel> Channel::Create(boost::asio::io_context& io, UniqueFd socket) {
  return std::shared_ptr<Channel>(new Channel(io, std::move(socket)));
}

Channel::Channel(boost::asio::io_context& io, UniqueFd socket) : socket_(io) {
  boost::system::error_code ec;
  socket_.assign(boost::asio::local::stream_protocol(), socket.Release(), ec);
  if (!ec) socket_.non_blocking(true, ec);
  if (ec) open_ = false;
}

Channel::~Channel() = default;

int Channel::native_handle() { return socket_.native_handle(); }

void Channel::Start(Delegate* delegate) {
  delegate_ = delegate;
  if (!open_) return;
  // Bytes may have arrived before Start; their readiness edge may already be
  // consumed, so read speculatively instead of waiting for a new one.
  auto self = shared_from_this();
  boost::asio::post(socket_.get_executor(), [self] {
    if (self->open_) self->ReadAvailable();
  });
}

void Channel::ArmRead() {
  if (read_armed_ || !open_) return;
  read_armed_ = true;
  socket_.async_wait(boost::asio::socket_base::wait_read,
                     [self = shared_from_this()](const boost::system::error_code& ec) {
                       self->read_armed_ = false;
                       if (ec || !self->open_) return;
                       self->ReadAvailable();
                     });
}

// Drains the socket. The loop is single-threaded and the read is re-armed
// before control returns to epoll, so a short read means "drained for now":
// any byte arriving later raises a new edge that the armed wait sees.
void Channel::ReadAvailable() {
  auto self = shared_from_this();  // the delegate may drop its reference
  for (;;) {
    std::vector<UniqueFd> fds;
    std::span<uint8_t> space = reader_.WritableSpace(kReadChunkBytes);
    ssize_t n = ReceiveWithFds(socket_.native_handle(), space, &fds);
    if (n > 0) {
      reader_.Commit(static_cast<size_t>(n), std::move(fds));
      if (!DispatchFrames()) return;
      if (static_cast<size_t>(n) < space.size()) break;
      continue;
    }
    if (n == 0) {
      if (reader_.HasPartialFrame()) {
        Fail(CloseCause::kProtocolError, "peer closed the channel in the middle of a frame");
      } else {
        Fail(CloseCause::kPeerClosed, "peer closed the channel");
      }
      return;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    if (errno == EMSGSIZE) {
      Fail(CloseCause::kProtocolError, "more file descriptors than a frame may carry");
    } else {
      Fail(CloseCause::kIoError, std::string("receive failed: ") + std::strerror(errno));
    }
    return;
  }
  ArmRead();
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
  if (length == 0 || length > kMaxFrameBytes) return false;
  if (queued_bytes() + length > kMaxQueuedBytes) {
    Fail(CloseCause::kIoError,
         "peer is not reading (" + std::to_string(queued_bytes()) + " bytes queued)");
    return false;
  }
  if (sent_ == out_.size()) {
    out_.clear();  // keeps capacity: no allocation per frame once warm
    sent_ = 0;
  }
  const size_t frame_begin = out_.size();
  out_.resize(frame_begin + kFrameHeaderBytes + length);
  WriteLittleEndian32(&out_[frame_begin], static_cast<uint32_t>(length));
  message.SerializeWithCachedSizesToArray(&out_[frame_begin + kFrameHeaderBytes]);
  if (!fds.empty()) queued_fds_.push_back({frame_begin, out_.size(), std::move(fds)});
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
                           [self = shared_from_this()](const boost::system::error_code& ec) {
                             self->write_armed_ = false;
                             if (!ec) self->Flush();
                           });
        return;
      }
      Fail(CloseCause::kIoError, std::string("send failed: ") + std::strerror(errno));
      return;
    }
    // The kernel holds its own references now; ours can close.
    if (!fds.empty()) queued_fds_.pop_front();
    sent_ += static_cast<size_t>(n);
  }
  if (sent_ == out_.size()) {
    out_.clear();
    sent_ = 0;
  }
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
  boost::system::error_code ignored;
  socket_.close(ignored);
  out_.clear();
  out_.shrink_to_fit();
  sent_ = 0;
  queued_fds_.clear();
}

}  // namespace sandtab::ipc
