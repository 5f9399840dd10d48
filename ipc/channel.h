#ifndef SANDTAB_IPC_CHANNEL_H_
#define SANDTAB_IPC_CHANNEL_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ipc/frame_reader.h"
#include "ipc/hangup_watcher.h"
#include "ipc/receive_operation.h"
#include "base/unique_fd.h"
#include "ipc/unread_attachments.h"

namespace google::protobuf {
class MessageLite;
}

namespace sandtab::ipc {

// One end of a framed, fd-passing stream channel (DESIGN section 3), driven by
// a single-threaded Boost.Asio io_context. Never blocks: sends go straight to
// the socket while it has room and queue in one buffer otherwise; reads parse
// whatever each recvmsg returned, which may be many frames or part of one.
//
// Lifetime: owned through shared_ptr; pending I/O keeps it alive, so an owner
// may drop it from inside a delegate callback.
// Why a channel ended; the process hosts classify a child's death by it.
enum class CloseCause {
  kPeerClosed,     // orderly EOF between frames
  kProtocolError,  // framing: bad length, truncated frame, stray fds; or a bad message above it
  kIoError,        // the socket failed, or the peer stopped reading
};

// Whether this end accepts file descriptors: only the browser sends them
// (DESIGN section 3), so the browser's ends reject any that arrive.
enum class FdPolicy { kRejectFds, kAcceptFds };

class Channel : public std::enable_shared_from_this<Channel> {
 public:
  class Delegate {
   public:
    virtual ~Delegate() = default;
    // One complete frame. `fds` arrived with it; what the delegate leaves in
    // the vector is closed.
    virtual void OnFrame(std::span<const uint8_t> body, std::vector<UniqueFd>& fds) = 0;
    // The channel closed itself, once, with why. Always delivered from the
    // io_context (never from inside Send), and not for the owner's Close().
    virtual void OnChannelClosed(CloseCause cause, const std::string& reason) = 0;
  };

  // A peer that stops reading cannot make us buffer without bound.
  static constexpr size_t kMaxQueuedBytes = 64u << 20;
  // Nor hold fds and shared memory for it: what we attached to frames the
  // peer has not read yet (queued here or in the kernel's socket buffer) is
  // bounded too. Above any honest backlog: a renderer's 256 outstanding
  // fetches plus its surfaces, or a plugin's instances' buffers (64 MiB
  // each at 4096 px a side). Fetch bodies are paced well below this
  // (browser/fetch_budget.h); this is the backstop for every channel.
  static constexpr size_t kMaxUnreadFds = 1024;
  static constexpr size_t kMaxUnreadAttachedBytes = 1u << 30;

  static std::shared_ptr<Channel> Create(boost::asio::io_context& io, UniqueFd socket);
  ~Channel();

  // Begins reading; frames that arrived before Start are delivered too.
  // With kRejectFds the channel fails as soon as any fd arrives, inside a
  // frame or not: a peer may not make us hold fds while a frame is pending.
  void Start(Delegate* delegate, FdPolicy policy = FdPolicy::kAcceptFds);

  // Queues one frame with `fds` attached to its first byte. Returns false if
  // the channel is closed or the message is empty or over the 16 MiB cap
  // (a bug on this side: the channel stays open).
  bool Send(const google::protobuf::MessageLite& message, std::vector<UniqueFd> fds = {});

  // Closes the socket and drops queued frames. No delegate callback follows.
  void Close();
  // Closes with a cause, reported to the delegate like a close of our own
  // (used by layers above for bad messages).
  void Fail(CloseCause cause, const std::string& reason);

  bool is_open() const { return open_; }
  size_t queued_bytes() const { return out_.size() - sent_; }
  // Fds and their bytes (memfd sizes) attached to frames the peer has not
  // read yet, as far as the kernel lets us know (see UnreadAttachments).
  // Not const: it asks the kernel what the peer has read since.
  UnreadAttachments::Totals unread_attachments();
  int native_handle();
  // Inside OnFrame: the pid of the process that sent the receive completing
  // this frame, as the kernel named it, on a socket that reports senders
  // (ipc::ReportSenders; the browser's end of a zygote child's channel).
  // 0 on any other socket.
  pid_t sender_pid() const { return sender_pid_; }

 private:
  struct QueuedFds {
    size_t frame_begin;  // offsets in out_
    size_t frame_end;
    std::vector<UniqueFd> fds;
  };

  Channel(boost::asio::io_context& io, UniqueFd socket);
  void ArmRead();
  static void OnReceived(void* self, bool loop_alive, const ReceiveOperation::Result& result);
  void HandleReceived(const ReceiveOperation::Result& result);
  bool TakeReceived(size_t bytes, std::vector<UniqueFd> fds, pid_t sender);  // false when the channel closed
  bool WatchForHangup();  // (re)registers with the watcher; false if it cannot
  void OnHangup();
  void ReadToTheEnd();
  bool DispatchFrames();  // false when the channel closed meanwhile
  void Flush();
  void CloseSocket();
  void ReleaseReadAttachments();
  void ShrinkSendBuffer();

  ReactorSocket socket_;
  ReceiveOperation receive_;
  std::shared_ptr<Channel> receiving_self_;  // keeps us alive while receive_ is armed
  HangupWatcher& hangup_watcher_;
  uint64_t hangup_token_ = 0;
  bool hangup_heard_ = false;
  Delegate* delegate_ = nullptr;
  FdPolicy fd_policy_ = FdPolicy::kAcceptFds;
  bool open_ = true;
  bool read_armed_ = false;
  bool write_armed_ = false;
  FrameReader reader_;
  FrameReader::Frame frame_;
  pid_t sender_pid_ = 0;
  std::vector<uint8_t> out_;  // frames not yet written, from sent_ on
  size_t sent_ = 0;
  uint64_t stream_written_ = 0;  // bytes ever handed to the kernel
  std::deque<QueuedFds> queued_fds_;
  UnreadAttachments unread_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_CHANNEL_H_
