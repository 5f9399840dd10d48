#ifndef SANDTAB_TESTS_SUPPORT_RECORDERS_H_
#define SANDTAB_TESTS_SUPPORT_RECORDERS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ipc/channel.h"
#include "ipc/message_channel.h"

namespace sandtab::test {

// Why a channel closed, as its delegate heard it.
struct ClosedEvent {
  ipc::CloseCause cause;
  std::string reason;
};

// Keeps how a channel closed, for either kind of delegate (both are told
// the same way): `closed` holds the last close, `close_count` how many.
template <typename Delegate>
class CloseRecorder : public Delegate {
 public:
  void OnChannelClosed(ipc::CloseCause cause, const std::string& reason) override {
    ++close_count;
    closed = ClosedEvent{cause, reason};
  }

  std::optional<ClosedEvent> closed;
  int close_count = 0;
};

// A Channel::Delegate that keeps everything it is told.
class FrameRecorder : public CloseRecorder<ipc::Channel::Delegate> {
 public:
  struct Frame {
    std::vector<uint8_t> body;
    std::vector<UniqueFd> fds;
  };

  void OnFrame(std::span<const uint8_t> body, std::vector<UniqueFd>& fds) override {
    frames.push_back({{body.begin(), body.end()}, std::move(fds)});
  }

  std::vector<Frame> frames;
};

// A MessageChannel delegate that keeps copies of every message.
template <typename Incoming, typename Outgoing>
class TypedRecorder : public CloseRecorder<typename ipc::MessageChannel<Incoming, Outgoing>::Delegate> {
 public:
  struct Received {
    Incoming message;
    std::vector<UniqueFd> fds;
  };

  void OnMessage(const Incoming& message, std::vector<UniqueFd> fds) override {
    Received received;
    received.message.CopyFrom(message);
    received.fds = std::move(fds);
    messages.push_back(std::move(received));
  }

  std::vector<Received> messages;
};

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_RECORDERS_H_
