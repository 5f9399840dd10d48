// ChildEndpoint with the real renderer schema over a real socketpair: the
// child's Hello, the gate in front of its own dispatch, pings answered on
// its loop, and a stop with a reason for every protocol error.
#include "ipc/child_endpoint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proto/renderer.pb.h"
#include "proto/schema_digest.h"
#include "tests/support/fd_helpers.h"
#include "tests/support/raw_frame_writer.h"
#include "tests/support/recorders.h"
#include "tests/support/run_until.h"

namespace sandtab::ipc {
namespace {

using proto::BrowserToRenderer;
using proto::RendererToBrowser;
using test::RunUntil;

using Endpoint = ChildEndpoint<BrowserToRenderer, RendererToBrowser>;
using BrowserEnd = MessageChannel<RendererToBrowser, BrowserToRenderer>;

// What the child's own code would be told.
class ChildRecorder : public Endpoint::Delegate {
 public:
  void OnBrowserMessage(const BrowserToRenderer& message, std::vector<UniqueFd> fds) override {
    messages.emplace_back().CopyFrom(message);
    fd_counts.push_back(fds.size());
  }
  void OnEndpointStopped(const std::string& reason) override { stops.push_back(reason); }

  std::vector<BrowserToRenderer> messages;
  std::vector<size_t> fd_counts;
  std::vector<std::string> stops;
};

class ChildEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::SocketPair pair = test::MakeSocketPair();
    peer_fd_ = pair.b.get();
    endpoint_ = std::make_unique<Endpoint>(io_, std::move(pair.a), proto::PROCESS_TYPE_RENDERER);
    browser_ = std::make_unique<BrowserEnd>(io_, std::move(pair.b), FdPolicy::kRejectFds);
    browser_->Start(&browser_recorder_);
    endpoint_->Start(&child_);
  }

  void SendToChild(BrowserToRenderer* message, std::vector<UniqueFd> fds = {}) {
    browser_->Send(message, std::move(fds));
  }
  void SendBrowserHello() {
    auto* hello = browser_->Compose();
    FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
    SendToChild(hello);
  }
  void SendNavigate(const std::string& url) {
    auto* navigate = browser_->Compose();
    navigate->mutable_navigate()->set_url(url);
    SendToChild(navigate);
  }
  void SendPing(uint64_t cookie) {
    auto* ping = browser_->Compose();
    ping->mutable_ping()->set_cookie(cookie);
    SendToChild(ping);
  }
  bool WaitForStop() { return RunUntil(io_, [&] { return !child_.stops.empty(); }); }
  // Lets the hello through and shows the child got past the gate.
  void PassTheGate() {
    SendBrowserHello();
    ASSERT_TRUE(RunUntil(io_, [&] { return endpoint_->hello_received(); }));
  }

  boost::asio::io_context io_;
  int peer_fd_ = -1;
  ChildRecorder child_;
  test::TypedRecorder<RendererToBrowser, BrowserToRenderer> browser_recorder_;
  std::unique_ptr<Endpoint> endpoint_;
  std::unique_ptr<BrowserEnd> browser_;
};

TEST_F(ChildEndpointTest, SaysItsHelloFirst) {
  ASSERT_TRUE(RunUntil(io_, [&] { return !browser_recorder_.messages.empty(); }));
  const RendererToBrowser& first = browser_recorder_.messages[0].message;
  ASSERT_TRUE(first.has_hello());
  EXPECT_EQ(first.hello().process_type(), proto::PROCESS_TYPE_RENDERER);
  EXPECT_EQ(first.hello().schema_digest(), proto::SchemaDigest());
  EXPECT_EQ(first.hello().pid(), ::getpid());
}

TEST_F(ChildEndpointTest, BrowsersHelloOpensTheGateAndIsNotPassedOn) {
  PassTheGate();
  SendNavigate("file:///index.html");
  ASSERT_TRUE(RunUntil(io_, [&] { return !child_.messages.empty(); }));
  ASSERT_EQ(child_.messages.size(), 1u);
  EXPECT_EQ(child_.messages[0].navigate().url(), "file:///index.html");
  EXPECT_TRUE(child_.stops.empty());
  EXPECT_FALSE(endpoint_->stopped());
}

TEST_F(ChildEndpointTest, AMessageBeforeTheHelloStopsTheChild) {
  SendNavigate("file:///index.html");
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(child_.stops, std::vector<std::string>{"first message is not Hello"});
  EXPECT_EQ(endpoint_->stop_reason(), "first message is not Hello");
  EXPECT_TRUE(child_.messages.empty());
}

TEST_F(ChildEndpointTest, AHelloFromAnotherTypeStopsTheChildNamingBoth) {
  auto* hello = browser_->Compose();
  FillHello(proto::PROCESS_TYPE_PLUGIN, hello->mutable_hello());
  SendToChild(hello);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason(), "Hello: expected a browser but a plugin said hello");
  EXPECT_FALSE(endpoint_->hello_received());
}

TEST_F(ChildEndpointTest, AHelloOfAnotherSchemaStopsTheChild) {
  auto* hello = browser_->Compose();
  FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  hello->mutable_hello()->set_schema_digest(proto::SchemaDigest() ^ 1);
  SendToChild(hello);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason().rfind("Hello: protocol mismatch", 0), 0u) << endpoint_->stop_reason();
}

TEST_F(ChildEndpointTest, ASecondHelloStopsTheChild) {
  PassTheGate();
  SendBrowserHello();
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason(), "Hello sent twice");
  EXPECT_TRUE(child_.messages.empty());
}

TEST_F(ChildEndpointTest, PingsAreAnsweredWithTheirCookieAndNotPassedOn) {
  PassTheGate();
  SendPing(41);
  SendPing(42);
  auto pongs = [&] {
    std::vector<uint64_t> cookies;
    for (const auto& received : browser_recorder_.messages) {
      if (received.message.has_pong()) cookies.push_back(received.message.pong().cookie());
    }
    return cookies;
  };
  ASSERT_TRUE(RunUntil(io_, [&] { return pongs().size() == 2; }));
  EXPECT_EQ(pongs(), (std::vector<uint64_t>{41, 42}));
  EXPECT_TRUE(child_.messages.empty());
}

TEST_F(ChildEndpointTest, APingBeforeTheHelloIsNotAnswered) {
  SendPing(7);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason(), "first message is not Hello");
  for (const auto& received : browser_recorder_.messages) EXPECT_FALSE(received.message.has_pong());
}

TEST_F(ChildEndpointTest, AFrameThatBreaksTheProtocolStopsTheChildWithTheRule) {
  PassTheGate();
  const uint8_t garbage[] = {0xff, 0xff, 0xff};
  ASSERT_TRUE(test::RawFrameWriter(peer_fd_).Write(test::RawFrameWriter::Frame(garbage)));
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason(), "channel closed: frame does not parse as BrowserToRenderer");
  EXPECT_EQ(child_.stops.size(), 1u);
}

TEST_F(ChildEndpointTest, FdsTravelToTheChildsDispatch) {
  PassTheGate();
  auto* surface = browser_->Compose();
  surface->mutable_set_surface()->set_width(4);
  std::vector<UniqueFd> fds;
  fds.push_back(test::MakeMemfd(4096, 0));
  fds.push_back(test::MakeMemfd(4096, 0));
  // The browser end rejects fds it receives, but may send them.
  SendToChild(surface, std::move(fds));
  ASSERT_TRUE(RunUntil(io_, [&] { return !child_.messages.empty(); }));
  EXPECT_EQ(child_.fd_counts, std::vector<size_t>{2});
}

TEST_F(ChildEndpointTest, TheBrowserHangingUpStopsTheChildOnce) {
  PassTheGate();
  browser_.reset();
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint_->stop_reason().rfind("channel closed: ", 0), 0u) << endpoint_->stop_reason();
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(child_.stops.size(), 1u);
}

TEST_F(ChildEndpointTest, StopKeepsTheFirstReasonAndTellsTheChildOnce) {
  PassTheGate();
  endpoint_->Stop("FrameAck for a buffer the browser does not hold");
  endpoint_->Stop("later echo");
  EXPECT_EQ(endpoint_->stop_reason(), "FrameAck for a buffer the browser does not hold");
  EXPECT_EQ(child_.stops, std::vector<std::string>{"FrameAck for a buffer the browser does not hold"});
  // Nothing reaches the child's code after it stopped.
  SendNavigate("file:///late.html");
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_TRUE(child_.messages.empty());
}

// The free gate the blocking zygote uses says exactly what the endpoint says.
TEST(CheckOpeningHelloTest, NamesTheSameRulesAsTheEndpoint) {
  BrowserToRenderer navigate;
  navigate.mutable_navigate()->set_url("x");
  Status not_hello = CheckOpeningHello(navigate, proto::PROCESS_TYPE_BROWSER);
  ASSERT_FALSE(not_hello);
  EXPECT_EQ(not_hello.error(), "first message is not Hello");

  BrowserToRenderer hello;
  FillHello(proto::PROCESS_TYPE_RENDERER, hello.mutable_hello());
  Status wrong_type = CheckOpeningHello(hello, proto::PROCESS_TYPE_BROWSER);
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error(), "Hello: expected a browser but a renderer said hello");

  FillHello(proto::PROCESS_TYPE_BROWSER, hello.mutable_hello());
  EXPECT_TRUE(CheckOpeningHello(hello, proto::PROCESS_TYPE_BROWSER));
}

}  // namespace
}  // namespace sandtab::ipc
