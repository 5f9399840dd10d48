// MessageChannel with the real renderer schema: what each frame claims is
// checked against what arrived.
#include "ipc/message_channel.h"

#include <gtest/gtest.h>

#include "ipc/shared_buffer.h"
#include "tests/support/allocation_counter.h"
#include "proto/renderer.pb.h"
#include "tests/support/fd_helpers.h"
#include "tests/support/raw_frame_writer.h"
#include "tests/support/recorders.h"
#include "tests/support/run_until.h"

namespace sandtab::ipc {
namespace {

using proto::BrowserToRenderer;
using proto::RendererToBrowser;
using test::RawFrameWriter;
using test::RunUntil;

using BrowserEnd = MessageChannel<RendererToBrowser, BrowserToRenderer>;
using RendererEnd = MessageChannel<BrowserToRenderer, RendererToBrowser>;

std::vector<int> RawFds(const std::vector<UniqueFd>& fds) {
  std::vector<int> raw;
  for (const UniqueFd& fd : fds) raw.push_back(fd.get());
  return raw;
}

// A renderer end (accepts fds) fed by a raw peer.
class RendererEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::SocketPair pair = test::MakeSocketPair();
    peer_ = std::move(pair.b);
    end_ = std::make_unique<RendererEnd>(io_, std::move(pair.a), FdPolicy::kAcceptFds);
    end_->Start(&recorder_);
  }

  // Sends `message` as one frame with `fd_count` fresh memfds attached.
  void SendRaw(const BrowserToRenderer& message, int fd_count) {
    std::vector<UniqueFd> fds;
    for (int i = 0; i < fd_count; ++i) fds.push_back(test::MakeMemfd(4096, 0));
    ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(message), RawFds(fds)));
  }

  const test::ClosedEvent& WaitForClose() {
    EXPECT_TRUE(RunUntil(io_, [&] { return recorder_.closed.has_value(); }));
    static const test::ClosedEvent kNotClosed{CloseCause::kIoError, "<channel did not close>"};
    return recorder_.closed ? *recorder_.closed : kNotClosed;
  }

  boost::asio::io_context io_;
  UniqueFd peer_;
  std::unique_ptr<RendererEnd> end_;
  test::TypedRecorder<BrowserToRenderer, RendererToBrowser> recorder_;
};

BrowserToRenderer SetSurfaceMessage(uint32_t attached_fds) {
  BrowserToRenderer message;
  message.set_attached_fds(attached_fds);
  auto* surface = message.mutable_set_surface();
  surface->set_width(32);
  surface->set_height(32);
  surface->set_stride(128);
  return message;
}

TEST_F(RendererEndTest, MatchingFdCountIsDelivered) {
  SendRaw(SetSurfaceMessage(2), 2);
  ASSERT_TRUE(RunUntil(io_, [&] { return !recorder_.messages.empty() || recorder_.closed; }));
  ASSERT_FALSE(recorder_.closed) << recorder_.closed->reason;
  EXPECT_EQ(recorder_.messages[0].message.set_surface().width(), 32u);
  EXPECT_EQ(recorder_.messages[0].fds.size(), 2u);
}

TEST_F(RendererEndTest, MoreFdsThanClaimedIsAProtocolError) {
  SendRaw(SetSurfaceMessage(1), 2);
  const test::ClosedEvent& closed = WaitForClose();
  EXPECT_EQ(closed.cause, CloseCause::kProtocolError);
  EXPECT_NE(closed.reason.find("attached_fds=1 but 2 arrived"), std::string::npos) << closed.reason;
  EXPECT_TRUE(recorder_.messages.empty());
}

TEST_F(RendererEndTest, FewerFdsThanClaimedIsAProtocolError) {
  SendRaw(SetSurfaceMessage(2), 1);
  const test::ClosedEvent& closed = WaitForClose();
  EXPECT_EQ(closed.cause, CloseCause::kProtocolError);
  EXPECT_NE(closed.reason.find("attached_fds=2 but 1 arrived"), std::string::npos) << closed.reason;
}

TEST_F(RendererEndTest, ClaimedFdsThatNeverCameIsAProtocolError) {
  SendRaw(SetSurfaceMessage(2), 0);
  EXPECT_EQ(WaitForClose().cause, CloseCause::kProtocolError);
  EXPECT_TRUE(recorder_.messages.empty());
}

TEST_F(RendererEndTest, FrameThatDoesNotParseIsAProtocolError) {
  const std::vector<uint8_t> garbage = {0xff, 0xff, 0xff, 0xff, 0xff};
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(garbage)));
  const test::ClosedEvent& closed = WaitForClose();
  EXPECT_EQ(closed.cause, CloseCause::kProtocolError);
  EXPECT_NE(closed.reason.find("does not parse as BrowserToRenderer"), std::string::npos) << closed.reason;
}

TEST_F(RendererEndTest, MessageWithoutBodyIsAProtocolError) {
  // attached_fds = 0 written explicitly: a valid message with no oneof set.
  const std::vector<uint8_t> no_body = {0x08, 0x00};
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(no_body)));
  const test::ClosedEvent& closed = WaitForClose();
  EXPECT_EQ(closed.cause, CloseCause::kProtocolError);
  EXPECT_NE(closed.reason.find("no known body"), std::string::npos) << closed.reason;
}

TEST_F(RendererEndTest, BodyFromANewerSchemaIsAProtocolError) {
  // Field 99 (unknown here) as the only content: parses, but no known body.
  const std::vector<uint8_t> unknown = {0x98, 0x06, 0x01};
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(unknown)));
  EXPECT_EQ(WaitForClose().cause, CloseCause::kProtocolError);
}

TEST_F(RendererEndTest, PeerClosingMidFrameVersusBetweenFrames) {
  BrowserToRenderer ping;
  ping.mutable_ping()->set_cookie(5);
  auto frame = RawFrameWriter::Frame(ping);
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write(frame));
  ASSERT_TRUE(writer.Write({frame.data(), frame.size() - 1}));
  writer.ShutdownWrite();
  const test::ClosedEvent& closed = WaitForClose();
  EXPECT_EQ(closed.cause, CloseCause::kProtocolError);
  ASSERT_EQ(recorder_.messages.size(), 1u);
  EXPECT_EQ(recorder_.messages[0].message.ping().cookie(), 5u);
}

TEST_F(RendererEndTest, PeerClosingBetweenFramesIsPeerClosed) {
  BrowserToRenderer ping;
  ping.mutable_ping()->set_cookie(6);
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write(RawFrameWriter::Frame(ping)));
  writer.ShutdownWrite();
  EXPECT_EQ(WaitForClose().cause, CloseCause::kPeerClosed);
  EXPECT_EQ(recorder_.messages.size(), 1u);
}

// The browser's end rejects fds whatever the message claims.
TEST(BrowserEndTest, FdsFromAChildAreRejected) {
  boost::asio::io_context io;
  test::SocketPair pair = test::MakeSocketPair();
  BrowserEnd browser(io, std::move(pair.a), FdPolicy::kRejectFds);
  test::TypedRecorder<RendererToBrowser, BrowserToRenderer> recorder;
  browser.Start(&recorder);
  RendererToBrowser pong;
  pong.set_attached_fds(1);  // even an honest claim does not help
  pong.mutable_pong()->set_cookie(1);
  UniqueFd memfd = test::MakeMemfd(64, 0);
  int raw = memfd.get();
  ASSERT_TRUE(RawFrameWriter(pair.b.get()).Write(RawFrameWriter::Frame(pong), {&raw, 1}));
  ASSERT_TRUE(RunUntil(io, [&] { return recorder.closed.has_value(); }));
  EXPECT_EQ(recorder.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder.closed->reason.find("only the browser may send"), std::string::npos) << recorder.closed->reason;
  EXPECT_TRUE(recorder.messages.empty());
}

// Pings and pongs in steady state allocate nothing on either end: messages
// are composed and parsed on the channels' preallocated arenas.
class PongingRenderer : public RendererEnd::Delegate {
 public:
  explicit PongingRenderer(RendererEnd* channel) : channel_(channel) {}
  void OnMessage(const BrowserToRenderer& message, std::vector<UniqueFd>) override {
    RendererToBrowser* pong = channel_->Compose();
    pong->mutable_pong()->set_cookie(message.ping().cookie());
    channel_->Send(pong);
  }
  void OnChannelClosed(CloseCause, const std::string&) override {}

 private:
  RendererEnd* channel_;
};

class PongCounter : public BrowserEnd::Delegate {
 public:
  void OnMessage(const RendererToBrowser& message, std::vector<UniqueFd>) override {
    last_cookie = message.pong().cookie();
  }
  void OnChannelClosed(CloseCause, const std::string&) override { closed = true; }
  uint64_t last_cookie = 0;
  bool closed = false;
};

TEST(MessageChannelAllocationTest, SteadyStateTrafficDoesNotAllocate) {
  boost::asio::io_context io;
  test::SocketPair pair = test::MakeSocketPair();
  BrowserEnd browser(io, std::move(pair.a), FdPolicy::kRejectFds);
  RendererEnd renderer(io, std::move(pair.b), FdPolicy::kAcceptFds);
  PongingRenderer ponger(&renderer);
  PongCounter counter;
  browser.Start(&counter);
  renderer.Start(&ponger);
  auto round_trip = [&](uint64_t cookie) {
    BrowserToRenderer* ping = browser.Compose();
    ping->mutable_ping()->set_cookie(cookie);
    if (!browser.Send(ping)) return false;
    return RunUntil(io, [&] { return counter.last_cookie == cookie || counter.closed; }) && !counter.closed;
  };
  for (uint64_t cookie = 1; cookie <= 10; ++cookie) ASSERT_TRUE(round_trip(cookie));  // warm up
  // Counted around the work only: RunUntil itself (std::function) may allocate.
  // Past cookie 127 the messages grow by a byte (varints), which must not
  // grow a buffer either.
  uint64_t allocations = 0;
  for (uint64_t cookie = 11; cookie <= 300; ++cookie) {
    const uint64_t before = test::ThreadAllocationCount();
    BrowserToRenderer* ping = browser.Compose();
    ping->mutable_ping()->set_cookie(cookie);
    ASSERT_TRUE(browser.Send(ping));
    while (counter.last_cookie != cookie && !counter.closed) {
      io.restart();
      ASSERT_GT(io.run_one_for(std::chrono::seconds(5)), 0u) << "no pong for " << cookie;
    }
    allocations += test::ThreadAllocationCount() - before;
  }
  EXPECT_EQ(allocations, 0u) << "heap allocations in 290 ping/pong round trips";
}

// A whole exchange that passes sealed buffers, then closes both ends: every
// fd it opened is closed again.
TEST(MessageChannelLeakTest, NoFdLeaksAfterPassingBuffersAndClosing) {
  const int before = test::CountOpenFds();
  {
    boost::asio::io_context io;
    test::SocketPair pair = test::MakeSocketPair();
    BrowserEnd browser(io, std::move(pair.a), FdPolicy::kRejectFds);
    RendererEnd renderer(io, std::move(pair.b), FdPolicy::kAcceptFds);
    test::TypedRecorder<RendererToBrowser, BrowserToRenderer> browser_recorder;
    test::TypedRecorder<BrowserToRenderer, RendererToBrowser> renderer_recorder;
    browser.Start(&browser_recorder);
    renderer.Start(&renderer_recorder);

    for (int round = 0; round < 3; ++round) {
      auto buffer = SharedBuffer::Create(128 * 4 * 16, "leak-test", Access::kReadWrite);
      ASSERT_TRUE(buffer) << buffer.error();
      std::vector<UniqueFd> fds;
      for (int i = 0; i < 2; ++i) {
        auto copy = buffer->Duplicate();
        ASSERT_TRUE(copy) << copy.error();
        fds.push_back(std::move(*copy));
      }
      BrowserToRenderer* message = browser.Compose();
      message->mutable_set_surface()->set_width(128);
      ASSERT_TRUE(browser.Send(message, std::move(fds)));
    }
    ASSERT_TRUE(RunUntil(io, [&] { return renderer_recorder.messages.size() == 3; }));
    for (auto& received : renderer_recorder.messages) {
      ASSERT_EQ(received.fds.size(), 2u);
      auto adopted = SharedBuffer::Adopt(std::move(received.fds[0]), 128 * 4 * 16, Access::kReadWrite);
      ASSERT_TRUE(adopted) << adopted.error();
      adopted->writable_bytes()[0] = 1;
    }
    EXPECT_GT(test::CountOpenFds(), before);
    renderer_recorder.messages.clear();
    renderer.Close();
    ASSERT_TRUE(RunUntil(io, [&] { return browser_recorder.closed.has_value(); }));
    EXPECT_EQ(browser_recorder.closed->cause, CloseCause::kPeerClosed);
  }
  EXPECT_EQ(test::CountOpenFds(), before) << test::DescribeOpenFds();
}

}  // namespace
}  // namespace sandtab::ipc
