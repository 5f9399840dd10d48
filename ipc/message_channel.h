#ifndef SANDTAB_IPC_MESSAGE_CHANNEL_H_
#define SANDTAB_IPC_MESSAGE_CHANNEL_H_

#include <google/protobuf/arena.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ipc/channel.h"

namespace sandtab::ipc {

// A Channel that speaks one protobuf message type per direction, each a
// top-level message with `attached_fds` and a `oneof body`. It checks what
// every frame claims against what arrived: the frame parses, the body is set,
// attached_fds equals the fds that came with it, and no fd reaches an end
// that rejects them. A violation closes the channel with kProtocolError and a
// reason that names the rule.
//
// Messages are parsed into and composed on arenas with a preallocated first
// block, so steady-state traffic (frames, acks, pings) allocates nothing.
template <typename Incoming, typename Outgoing>
class MessageChannel : private Channel::Delegate {
 public:
  class Delegate {
   public:
    virtual ~Delegate() = default;
    // A valid message. `fds` are exactly message.attached_fds() many.
    // The message lives until the next call into this channel.
    virtual void OnMessage(const Incoming& message, std::vector<UniqueFd> fds) = 0;
    virtual void OnChannelClosed(CloseCause cause, const std::string& reason) = 0;
  };

  MessageChannel(boost::asio::io_context& io, UniqueFd socket, FdPolicy policy)
      : channel_(Channel::Create(io, std::move(socket))),
        policy_(policy),
        in_arena_(ArenaOptionsFor(in_block_, sizeof(in_block_))),
        out_arena_(ArenaOptionsFor(out_block_, sizeof(out_block_))) {}
  ~MessageChannel() override { channel_->Close(); }
  MessageChannel(const MessageChannel&) = delete;
  MessageChannel& operator=(const MessageChannel&) = delete;

  void Start(Delegate* delegate) {
    delegate_ = delegate;
    channel_->Start(this, policy_);
  }

  // A cleared message to fill and pass to Send(). Valid until Send().
  Outgoing* Compose() {
    out_arena_.Reset();
    return google::protobuf::Arena::CreateMessage<Outgoing>(&out_arena_);
  }
  // Sends a message from Compose(); sets attached_fds from `fds`.
  bool Send(Outgoing* message, std::vector<UniqueFd> fds = {}) {
    message->set_attached_fds(static_cast<uint32_t>(fds.size()));
    return channel_->Send(*message, std::move(fds));
  }

  void Close() { channel_->Close(); }
  void Fail(CloseCause cause, const std::string& reason) { channel_->Fail(cause, reason); }
  bool is_open() const { return channel_->is_open(); }
  Channel& channel() { return *channel_; }

 private:
  static google::protobuf::ArenaOptions ArenaOptionsFor(char* block, size_t size) {
    google::protobuf::ArenaOptions options;
    options.initial_block = block;
    options.initial_block_size = size;
    return options;
  }

  void OnFrame(std::span<const uint8_t> body, std::vector<UniqueFd>& fds) override {
    // Reset before parsing, not after: the delegate may destroy us in OnMessage.
    in_arena_.Reset();
    auto* message = google::protobuf::Arena::CreateMessage<Incoming>(&in_arena_);
    if (!message->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
      return Violation("frame does not parse as " + TypeName());
    }
    if (message->body_case() == Incoming::BODY_NOT_SET) {
      return Violation(TypeName() + " with no known body");
    }
    if (message->attached_fds() != fds.size()) {
      return Violation(TypeName() + " claims attached_fds=" + std::to_string(message->attached_fds()) + " but " +
                       std::to_string(fds.size()) + " arrived");
    }
    delegate_->OnMessage(*message, std::move(fds));
  }

  void Violation(const std::string& reason) { channel_->Fail(CloseCause::kProtocolError, reason); }

  // For the violations' text only: the first descriptor() of a schema
  // builds its whole file in protobuf's pool (~0.3 ms), which a process that
  // only parses and serialises its messages never needs otherwise.
  static std::string TypeName() { return Incoming::descriptor()->name(); }

  void OnChannelClosed(CloseCause cause, const std::string& reason) override {
    if (delegate_) delegate_->OnChannelClosed(cause, reason);
  }

  std::shared_ptr<Channel> channel_;
  FdPolicy policy_;
  Delegate* delegate_ = nullptr;
  alignas(16) char in_block_[16 * 1024];
  alignas(16) char out_block_[4 * 1024];
  google::protobuf::Arena in_arena_;
  google::protobuf::Arena out_arena_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_MESSAGE_CHANNEL_H_
