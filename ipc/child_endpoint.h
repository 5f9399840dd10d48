#ifndef SANDTAB_IPC_CHILD_ENDPOINT_H_
#define SANDTAB_IPC_CHILD_ENDPOINT_H_

#include <boost/asio/io_context.hpp>

#include <string>
#include <utility>
#include <vector>

#include "ipc/handshake.h"
#include "ipc/message_channel.h"
#include "base/result.h"
#include "proto/common.pb.h"

namespace sandtab::ipc {

// A child process's end of its channel to the browser, the twin of the
// browser's ChildHost: it says this process's Hello, lets nothing through
// before the browser's Hello, answers every Ping with a Pong, and stops on
// any protocol error with a reason. The child trusts the browser, so a
// protocol error means a confused peer, never one to argue with: the child
// ends and the browser sees it die. `Incoming`/`Outgoing` are the channel's
// top-level messages; both have `hello`, and `ping`/`pong`.
//
// What the child says after the Hello goes through its typed sender (e.g.
// renderer::BrowserLink) over channel().
template <typename Incoming, typename Outgoing>
class ChildEndpoint : private MessageChannel<Incoming, Outgoing>::Delegate {
 public:
  using Channel = MessageChannel<Incoming, Outgoing>;

  class Delegate {
   public:
    virtual ~Delegate() = default;
    // Every message after the browser's Hello, but its Pings. The message
    // lives until the next call into the channel.
    virtual void OnBrowserMessage(const Incoming& message, std::vector<UniqueFd> fds) = 0;
    // Once: the endpoint stopped and sends nothing more. `reason` says why.
    virtual void OnEndpointStopped(const std::string& reason) = 0;
  };

  // `self` is the type this process says it is in its Hello.
  ChildEndpoint(boost::asio::io_context& io, UniqueFd socket, proto::ProcessType self)
      : self_(self), channel_(io, std::move(socket), FdPolicy::kAcceptFds) {}
  ChildEndpoint(const ChildEndpoint&) = delete;
  ChildEndpoint& operator=(const ChildEndpoint&) = delete;

  // Starts reading and says Hello.
  void Start(Delegate* delegate) {
    delegate_ = delegate;
    channel_.Start(this);
    auto* hello = channel_.Compose();
    FillHello(self_, hello->mutable_hello());
    channel_.Send(hello);
  }

  // Closes the channel and tells the delegate, once. The first reason is the
  // one kept: it is the cause, later ones its echoes.
  void Stop(const std::string& reason) {
    if (!stop_reason_.empty()) return;
    stop_reason_ = reason.empty() ? "stopped" : reason;
    channel_.Close();
    if (delegate_) delegate_->OnEndpointStopped(stop_reason_);
  }

  bool stopped() const { return !stop_reason_.empty(); }
  // Why the endpoint stopped (empty while running).
  const std::string& stop_reason() const { return stop_reason_; }
  bool hello_received() const { return hello_received_; }
  // For the typed sender of this end.
  Channel& channel() { return channel_; }

 private:
  void OnMessage(const Incoming& message, std::vector<UniqueFd> fds) override {
    if (!hello_received_) {
      Status hello = CheckOpeningHello(message, proto::PROCESS_TYPE_BROWSER);
      if (!hello) return Stop(hello.error());
      hello_received_ = true;
      return;
    }
    if (message.has_hello()) return Stop("Hello sent twice");
    if (message.has_ping()) {
      // Answered here, on the loop that runs the child's work: a child busy
      // for longer than the browser's hang timeout is a hung child.
      auto* pong = channel_.Compose();
      pong->mutable_pong()->set_cookie(message.ping().cookie());
      channel_.Send(pong);
      return;
    }
    delegate_->OnBrowserMessage(message, std::move(fds));
  }

  // A frame that broke the protocol (MessageChannel's checks) or a hang-up.
  void OnChannelClosed(CloseCause, const std::string& reason) override { Stop("channel closed: " + reason); }

  const proto::ProcessType self_;
  Channel channel_;
  Delegate* delegate_ = nullptr;
  bool hello_received_ = false;
  std::string stop_reason_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_CHILD_ENDPOINT_H_
