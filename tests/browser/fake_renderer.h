// Renderers played by the test, for the browser's hosts: every launch is a
// real process (tests/fuzz/fake_child.h: waitable, killable, reaped, so
// deaths are real) whose channel end stays in the test, where a
// RendererPeer speaks the renderer's side of the channel.
#ifndef SANDTAB_TESTS_BROWSER_FAKE_RENDERER_H_
#define SANDTAB_TESTS_BROWSER_FAKE_RENDERER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "browser/process/child_launcher.h"
#include "browser/tab/renderer_host.h"
#include "ipc/handshake.h"
#include "ipc/message_channel.h"
#include "proto/renderer.pb.h"
#include "tests/fuzz/fake_child.h"

namespace sandtab::browser::testing {

// Each launch answers through the loop (the ChildLauncher contract) with a
// fake child, or, for the next `failures` launches, with an error.
class FakeRendererLauncher : public ChildLauncher {
 public:
  explicit FakeRendererLauncher(boost::asio::io_context& io) : io_(io) {}

  void Launch(const LaunchRequest&, Callback callback) override {
    ++launches_;
    if (failures > 0) {
      --failures;
      boost::asio::post(io_, [callback] { callback(Error{"no such program"}); });
      return;
    }
    auto fake = std::make_shared<fuzz::FakeChild>(fuzz::SpawnFakeChild());
    pids_.push_back(fake->child.pid);
    peers_.push_back(std::move(fake->peer));
    boost::asio::post(io_, [fake, callback] { callback(std::move(fake->child)); });
  }

  int launches() const { return launches_; }
  const std::vector<pid_t>& pids() const { return pids_; }
  // The test's end of the newest launch's channel (once).
  UniqueFd TakePeer() {
    if (peers_.empty()) return {};
    UniqueFd newest = std::move(peers_.back());
    peers_.clear();
    return newest;
  }

  int failures = 0;

 private:
  boost::asio::io_context& io_;
  int launches_ = 0;
  std::vector<pid_t> pids_;
  std::vector<UniqueFd> peers_;
};

// A RendererHost::Client that takes every message as valid; a test
// overrides what it watches. It records readiness and the death.
class AcceptingRendererClient : public RendererHost::DiscardingClient {
 public:
  void OnRendererReady() override { ready = true; }
  void OnRendererGone(const proto::DeathRecord& record) override { gone = record; }

  bool ready = false;
  std::optional<proto::DeathRecord> gone;
};

// The renderer's end of one channel: what the browser sent, and a way to
// answer.
class RendererPeer : private ipc::MessageChannel<proto::BrowserToRenderer, proto::RendererToBrowser>::Delegate {
 public:
  struct Received {
    proto::BrowserToRenderer message;
    size_t fds = 0;
  };

  RendererPeer(boost::asio::io_context& io, UniqueFd socket)
      : channel_(io, std::move(socket), ipc::FdPolicy::kAcceptFds) {
    channel_.Start(this);
  }

  void SendHello() {
    auto* message = channel_.Compose();
    ipc::FillHello(proto::PROCESS_TYPE_RENDERER, message->mutable_hello());
    channel_.Send(message);
  }
  void Send(const proto::RendererToBrowser& body) {
    auto* message = channel_.Compose();
    *message = body;
    channel_.Send(message);
  }
  bool open() const { return channel_.is_open(); }

  // Everything but pings, in order.
  std::vector<Received> received;

 private:
  void OnMessage(const proto::BrowserToRenderer& message, std::vector<UniqueFd> fds) override {
    if (message.has_ping()) {
      auto* pong = channel_.Compose();
      pong->mutable_pong()->set_cookie(message.ping().cookie());
      channel_.Send(pong);
      return;
    }
    received.push_back({message, fds.size()});
  }
  void OnChannelClosed(ipc::CloseCause, const std::string&) override {}

  ipc::MessageChannel<proto::BrowserToRenderer, proto::RendererToBrowser> channel_;
};

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_BROWSER_FAKE_RENDERER_H_
