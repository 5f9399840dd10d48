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
#include "ipc/unique_fd.h"

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

  static std::shared_ptr<Channel> Create(boost::asio::io_context& io, UniqueFd socket);
  ~Channel();

  // Begins reading; frames that arrived before Start are delivered too.
  void Start(Delegate* delegate);

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
  int native_handle();

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
  bool WatchForHangup();  // (re)registers with the watcher; false if it cannot
  void OnHangup();
  void ReadToTheEnd();
  bool DispatchFrames();  // false when the channel closed meanwhile
  void Flush();
  void CloseSocket();

  ReactorSocket socket_;
  ReceiveOperation receive_;
  std::shared_ptr<Channel> receiving_self_;  // keeps us alive while receive_ is armed
  HangupWatcher& hangup_watcher_;
  uint64_t hangup_token_ = 0;
  bool hangup_heard_ = false;
  Delegate* delegate_ = nullptr;
  bool open_ = true;
  bool read_armed_ = false;
  bool write_armed_ = false;
  FrameReader reader_;
  FrameReader::Frame frame_;
  std::vector<uint8_t> out_;  // frames not yet written, from sent_ on
  size_t sent_ = 0;
  std::deque<QueuedFds> queued_fds_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_CHANNEL_H_
