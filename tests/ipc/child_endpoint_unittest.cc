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
#include "tests/support/child_endpoint_pair.h"
#include "tests/support/fd_helpers.h"
#include "tests/support/raw_frame_writer.h"
#include "tests/support/run_until.h"

namespace sandtab::ipc {
namespace {

using proto::BrowserToRenderer;
using proto::RendererToBrowser;
using test::RunUntil;

class ChildEndpointTest : public ::testing::Test {
 protected:
  void SendToChild(BrowserToRenderer* message, std::vector<UniqueFd> fds = {}) {
    pair_.browser->Send(message, std::move(fds));
  }
  BrowserToRenderer* Compose() { return pair_.browser->Compose(); }
  void SendBrowserHello() {
    auto* hello = Compose();
    FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
    SendToChild(hello);
  }
  void SendNavigate(const std::string& url) {
    auto* navigate = Compose();
    navigate->mutable_navigate()->set_url(url);
    SendToChild(navigate);
  }
  void SendPing(uint64_t cookie) {
    auto* ping = Compose();
    ping->mutable_ping()->set_cookie(cookie);
    SendToChild(ping);
  }
  bool WaitForStop() {
    return RunUntil(io_, [&] { return !pair_.stops.empty(); });
  }
  // Lets the hello through and shows the child got past the gate.
  void PassTheGate() {
    SendBrowserHello();
    ASSERT_TRUE(RunUntil(io_, [&] { return pair_.endpoint->hello_received(); }));
  }
  ChildEndpoint<BrowserToRenderer, RendererToBrowser>& endpoint() { return *pair_.endpoint; }

  boost::asio::io_context io_;
  test::ChildEndpointPair<BrowserToRenderer, RendererToBrowser> pair_{io_, proto::PROCESS_TYPE_RENDERER};
};

TEST_F(ChildEndpointTest, SaysItsHelloFirst) {
  ASSERT_TRUE(RunUntil(io_, [&] { return !pair_.said.messages.empty(); }));
  const RendererToBrowser& first = pair_.said.messages[0].message;
  ASSERT_TRUE(first.has_hello());
  EXPECT_EQ(first.hello().process_type(), proto::PROCESS_TYPE_RENDERER);
  EXPECT_EQ(first.hello().schema_digest(), proto::SchemaDigest());
  EXPECT_EQ(first.hello().pid(), ::getpid());
}

TEST_F(ChildEndpointTest, BrowsersHelloOpensTheGateAndIsNotPassedOn) {
  PassTheGate();
  SendNavigate("file:///index.html");
  ASSERT_TRUE(RunUntil(io_, [&] { return !pair_.heard.empty(); }));
  ASSERT_EQ(pair_.heard.size(), 1u);
  EXPECT_EQ(pair_.heard[0].navigate().url(), "file:///index.html");
  EXPECT_TRUE(pair_.stops.empty());
  EXPECT_FALSE(endpoint().stopped());
}

TEST_F(ChildEndpointTest, AMessageBeforeTheHelloStopsTheChild) {
  SendNavigate("file:///index.html");
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(pair_.stops, std::vector<std::string>{"first message is not Hello"});
  EXPECT_EQ(endpoint().stop_reason(), "first message is not Hello");
  EXPECT_TRUE(pair_.heard.empty());
}

TEST_F(ChildEndpointTest, AHelloFromAnotherTypeStopsTheChildNamingBoth) {
  auto* hello = Compose();
  FillHello(proto::PROCESS_TYPE_PLUGIN, hello->mutable_hello());
  SendToChild(hello);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason(), "Hello: expected a browser but a plugin said hello");
  EXPECT_FALSE(endpoint().hello_received());
}

TEST_F(ChildEndpointTest, AHelloOfAnotherSchemaStopsTheChild) {
  auto* hello = Compose();
  FillHello(proto::PROCESS_TYPE_BROWSER, hello->mutable_hello());
  hello->mutable_hello()->set_schema_digest(proto::SchemaDigest() ^ 1);
  SendToChild(hello);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason().rfind("Hello: protocol mismatch", 0), 0u) << endpoint().stop_reason();
}

TEST_F(ChildEndpointTest, ASecondHelloStopsTheChild) {
  PassTheGate();
  SendBrowserHello();
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason(), "Hello sent twice");
  EXPECT_TRUE(pair_.heard.empty());
}

TEST_F(ChildEndpointTest, PingsAreAnsweredWithTheirCookieAndNotPassedOn) {
  PassTheGate();
  SendPing(41);
  SendPing(42);
  auto pongs = [&] {
    std::vector<uint64_t> cookies;
    for (const auto& received : pair_.said.messages) {
      if (received.message.has_pong()) cookies.push_back(received.message.pong().cookie());
    }
    return cookies;
  };
  ASSERT_TRUE(RunUntil(io_, [&] { return pongs().size() == 2; }));
  EXPECT_EQ(pongs(), (std::vector<uint64_t>{41, 42}));
  EXPECT_TRUE(pair_.heard.empty());
}

TEST_F(ChildEndpointTest, APingBeforeTheHelloIsNotAnswered) {
  SendPing(7);
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason(), "first message is not Hello");
  for (const auto& received : pair_.said.messages) EXPECT_FALSE(received.message.has_pong());
}

TEST_F(ChildEndpointTest, AFrameThatBreaksTheProtocolStopsTheChildWithTheRule) {
  PassTheGate();
  const uint8_t garbage[] = {0xff, 0xff, 0xff};
  ASSERT_TRUE(test::RawFrameWriter(pair_.browser_fd).Write(test::RawFrameWriter::Frame(garbage)));
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason(), "channel closed: frame does not parse as BrowserToRenderer");
  EXPECT_EQ(pair_.stops.size(), 1u);
}

TEST_F(ChildEndpointTest, FdsTravelToTheChildsDispatch) {
  PassTheGate();
  auto* surface = Compose();
  surface->mutable_set_surface()->set_width(4);
  std::vector<UniqueFd> fds;
  fds.push_back(test::MakeMemfd(4096, 0));
  fds.push_back(test::MakeMemfd(4096, 0));
  // The browser end rejects fds it receives, but may send them.
  SendToChild(surface, std::move(fds));
  ASSERT_TRUE(RunUntil(io_, [&] { return !pair_.heard.empty(); }));
  EXPECT_EQ(pair_.heard_fd_counts, std::vector<size_t>{2});
}

TEST_F(ChildEndpointTest, TheBrowserHangingUpStopsTheChildOnce) {
  PassTheGate();
  pair_.browser.reset();
  ASSERT_TRUE(WaitForStop());
  EXPECT_EQ(endpoint().stop_reason().rfind("channel closed: ", 0), 0u) << endpoint().stop_reason();
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(pair_.stops.size(), 1u);
}

TEST_F(ChildEndpointTest, StopKeepsTheFirstReasonAndTellsTheChildOnce) {
  PassTheGate();
  endpoint().Stop("FrameAck for a buffer the browser does not hold");
  endpoint().Stop("later echo");
  EXPECT_EQ(endpoint().stop_reason(), "FrameAck for a buffer the browser does not hold");
  EXPECT_EQ(pair_.stops, std::vector<std::string>{"FrameAck for a buffer the browser does not hold"});
  // Nothing reaches the child's code after it stopped.
  SendNavigate("file:///late.html");
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_TRUE(pair_.heard.empty());
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
