// Channel over real socketpairs: framing, close causes, fd passing, the send
// queue. The peer is either another Channel or a RawFrameWriter that breaks
// the rules on purpose.
#include "ipc/channel.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include "ipc/fd_passing.h"
#include "proto/renderer.pb.h"
#include "tests/support/fd_helpers.h"
#include "tests/support/raw_frame_writer.h"
#include "tests/support/recorders.h"
#include "tests/support/run_until.h"

namespace sandtab::ipc {
namespace {

using test::RawFrameWriter;
using test::RunUntil;

std::vector<uint8_t> Bytes(const std::string& text) { return {text.begin(), text.end()}; }

proto::BrowserToRenderer PingMessage(uint64_t cookie) {
  proto::BrowserToRenderer message;
  message.mutable_ping()->set_cookie(cookie);
  return message;
}

class ChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::SocketPair pair = test::MakeSocketPair();
    ASSERT_TRUE(pair.a && pair.b);
    peer_ = std::move(pair.b);
    channel_ = Channel::Create(io_, std::move(pair.a));
    channel_->Start(&recorder_);
  }
  void TearDown() override { channel_->Close(); }

  bool WaitForClose() {
    return RunUntil(io_, [&] { return recorder_.closed.has_value(); });
  }

  boost::asio::io_context io_;
  UniqueFd peer_;
  std::shared_ptr<Channel> channel_;
  test::FrameRecorder recorder_;
};

TEST_F(ChannelTest, FramesSplitByteByByteThroughTheSocket) {
  std::vector<uint8_t> stream = RawFrameWriter::Frame(Bytes("hello"));
  auto second = RawFrameWriter::Frame(Bytes("world!"));
  stream.insert(stream.end(), second.begin(), second.end());
  RawFrameWriter writer(peer_.get());
  for (uint8_t byte : stream) {
    ASSERT_TRUE(writer.Write({&byte, 1}));
    // The channel consumes each byte in its own recvmsg before the next one.
    ASSERT_TRUE(RunUntil(io_, [&] { return test::BytesUnread(channel_->native_handle()) == 0; }));
  }
  ASSERT_TRUE(RunUntil(io_, [&] { return recorder_.frames.size() == 2; }));
  EXPECT_EQ(recorder_.frames[0].body, Bytes("hello"));
  EXPECT_EQ(recorder_.frames[1].body, Bytes("world!"));
  EXPECT_FALSE(recorder_.closed);
}

TEST_F(ChannelTest, ManyFramesInOneWrite) {
  std::vector<uint8_t> stream;
  for (int i = 0; i < 1000; ++i) {
    auto frame = RawFrameWriter::Frame(Bytes("frame " + std::to_string(i)));
    stream.insert(stream.end(), frame.begin(), frame.end());
  }
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(stream));
  ASSERT_TRUE(RunUntil(io_, [&] { return recorder_.frames.size() == 1000; }));
  EXPECT_EQ(recorder_.frames[999].body, Bytes("frame 999"));
}

TEST_F(ChannelTest, ZeroLengthFrameIsAProtocolError) {
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Header(0)));
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_FALSE(channel_->is_open());
}

TEST_F(ChannelTest, FrameOfExactlyTheCapArrives) {
  std::vector<uint8_t> body(kMaxFrameBytes, 0x5a);
  body.front() = 1;
  body.back() = 2;
  bool written = false;
  std::thread writer([&] { written = RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(body)); });
  bool arrived = RunUntil(
      io_, [&] { return !recorder_.frames.empty() || recorder_.closed; }, std::chrono::seconds(20));
  if (!arrived) ::shutdown(peer_.get(), SHUT_RDWR);  // unblocks the writer
  writer.join();
  ASSERT_TRUE(arrived);
  EXPECT_TRUE(written);
  ASSERT_FALSE(recorder_.closed) << recorder_.closed->reason;
  ASSERT_EQ(recorder_.frames.size(), 1u);
  EXPECT_TRUE(recorder_.frames[0].body == body);
}

TEST_F(ChannelTest, FrameOverTheCapFailsOnItsHeaderAlone) {
  // Only the header is sent: the channel must not wait for 16 MiB of body.
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Header(kMaxFrameBytes + 1)));
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder_.closed->reason.find("16 MiB"), std::string::npos) << recorder_.closed->reason;
}

TEST_F(ChannelTest, TruncatedFrameThenEofIsAProtocolError) {
  auto frame = RawFrameWriter::Frame(Bytes("truncated body"));
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write({frame.data(), frame.size() - 3}));
  writer.ShutdownWrite();
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder_.closed->reason.find("middle of a frame"), std::string::npos);
  EXPECT_TRUE(recorder_.frames.empty());
}

TEST_F(ChannelTest, EofBetweenFramesIsPeerClosed) {
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write(RawFrameWriter::Frame(Bytes("last words"))));
  writer.ShutdownWrite();
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kPeerClosed);
  ASSERT_EQ(recorder_.frames.size(), 1u);
  EXPECT_EQ(recorder_.frames[0].body, Bytes("last words"));
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(recorder_.close_count, 1);
}

// The last frame and the hang-up reach the socket before the channel's loop
// looks: one readiness edge carries both, and the short read that takes the
// frame is not allowed to hide the hang-up behind it (HangupWatcher).
TEST_F(ChannelTest, HangUpArrivingWithTheLastFrameIsHeard) {
  for (int round = 0; round < 20; ++round) {
    test::SocketPair pair = test::MakeSocketPair();
    auto channel = Channel::Create(io_, std::move(pair.a));
    test::FrameRecorder recorder;
    channel->Start(&recorder);
    test::RunFor(io_, std::chrono::milliseconds(1));  // armed and waiting
    ASSERT_TRUE(RawFrameWriter(pair.b.get()).Write(RawFrameWriter::Frame(Bytes("bye"))));
    pair.b.Reset();
    ASSERT_TRUE(RunUntil(io_, [&] { return recorder.closed.has_value(); })) << "round " << round;
    EXPECT_EQ(recorder.closed->cause, CloseCause::kPeerClosed);
    EXPECT_EQ(recorder.frames.size(), 1u);
  }
}

// A peer that closes with our frame unread resets the connection (ECONNRESET
// on our side): its own last frame still arrives, then the close.
TEST_F(ChannelTest, PeerClosingWithOurFrameUnreadIsHeardAfterItsLastFrame) {
  ASSERT_TRUE(channel_->Send(PingMessage(1)));
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(Bytes("last words"))));
  ASSERT_TRUE(RunUntil(io_, [&] { return recorder_.frames.size() == 1; }));
  peer_.Reset();
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kIoError) << recorder_.closed->reason;
}

// Two channels over one socketpair, each started with its own recorder.
struct ConnectedChannels {
  explicit ConnectedChannels(boost::asio::io_context& io) {
    test::SocketPair pair = test::MakeSocketPair();
    sender = Channel::Create(io, std::move(pair.a));
    receiver = Channel::Create(io, std::move(pair.b));
    sender->Start(&sender_recorder);
    receiver->Start(&recorder);
  }
  test::FrameRecorder sender_recorder, recorder;  // outlive the channels
  std::shared_ptr<Channel> sender, receiver;
};

// Nothing the channel leaves behind (a watch, a wait) keeps run() going once
// every channel is closed.
TEST(ChannelLifetimeTest, RunReturnsOnceEveryChannelIsClosed) {
  boost::asio::io_context io;
  ConnectedChannels pair(io);
  auto& [a_recorder, b_recorder, a, b] = pair;
  ASSERT_TRUE(a->Send(PingMessage(7)));
  ASSERT_TRUE(RunUntil(io, [&] { return b_recorder.frames.size() == 1; }));
  a->Close();
  b->Close();
  io.run_for(std::chrono::seconds(5));
  EXPECT_TRUE(io.stopped()) << "run() still had work after every channel closed";
}

TEST_F(ChannelTest, MoreFdsThanAFrameMayCarryIsAProtocolError) {
  const int before = test::CountOpenFds();
  std::vector<UniqueFd> fds;
  std::vector<int> raw;
  for (size_t i = 0; i < kMaxFdsPerFrame + 1; ++i) {
    fds.push_back(test::MakeMemfd(64, 0));
    raw.push_back(fds.back().get());
  }
  ASSERT_TRUE(RawFrameWriter(peer_.get()).Write(RawFrameWriter::Frame(Bytes("x")), raw));
  fds.clear();
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder_.closed->reason.find("file descriptors"), std::string::npos);
  EXPECT_TRUE(recorder_.frames.empty());
  EXPECT_EQ(test::CountOpenFds(), before - 1) << "the channel's socket closed; nothing else leaked";
}

TEST_F(ChannelTest, FdsAttachedMidFrameAreAProtocolError) {
  auto frame = RawFrameWriter::Frame(Bytes("fds come too late"));
  UniqueFd memfd = test::MakeMemfd(64, 0);
  int raw = memfd.get();
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write({frame.data(), 8}));
  ASSERT_TRUE(RunUntil(io_, [&] { return test::BytesUnread(channel_->native_handle()) == 0; }));
  ASSERT_TRUE(writer.Write({frame.data() + 8, frame.size() - 8}, {&raw, 1}));
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder_.closed->reason.find("no frame claims"), std::string::npos) << recorder_.closed->reason;
}

// The security review's M1 against an end that takes no fds (every browser
// end): a 16 MiB header, then 1-byte sendmsgs carrying fds. The first fd
// fails the channel and is closed at once; the frame never had to finish.
TEST(ChannelFdPolicyTest, AnEndThatTakesNoFdsFailsAtTheFirstFdInsideAFrame) {
  boost::asio::io_context io;
  test::SocketPair pair = test::MakeSocketPair();
  auto channel = Channel::Create(io, std::move(pair.a));
  test::FrameRecorder recorder;
  channel->Start(&recorder, FdPolicy::kRejectFds);
  RawFrameWriter writer(pair.b.get());
  ASSERT_TRUE(writer.Write(RawFrameWriter::Header(kMaxFrameBytes)));
  ASSERT_TRUE(RunUntil(io, [&] { return test::BytesUnread(channel->native_handle()) == 0; }));
  const int before = test::CountOpenFds();
  UniqueFd memfd = test::MakeMemfd(64, 0);
  const int raw[] = {memfd.get(), memfd.get(), memfd.get(), memfd.get()};
  const uint8_t byte = 'x';
  ASSERT_TRUE(writer.Write({&byte, 1}, raw));
  ASSERT_TRUE(RunUntil(io, [&] { return recorder.closed.has_value(); }));
  EXPECT_EQ(recorder.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder.closed->reason.find("only the browser may send"), std::string::npos) << recorder.closed->reason;
  memfd.Reset();
  // The channel's socket closed, and nothing the peer sent is held.
  EXPECT_EQ(test::CountOpenFds(), before - 1) << test::DescribeOpenFds();
  channel->Close();
}

// An end that takes fds (a child's) still holds at most one batch of them
// for a frame in progress.
TEST_F(ChannelTest, FdsStreamedIntoAnUnfinishedFrameFailAtTheSecondBatch) {
  RawFrameWriter writer(peer_.get());
  ASSERT_TRUE(writer.Write(RawFrameWriter::Header(kMaxFrameBytes)));
  UniqueFd memfd = test::MakeMemfd(64, 0);
  const int raw[] = {memfd.get(), memfd.get(), memfd.get(), memfd.get()};
  const uint8_t byte = 'x';
  const int before = test::CountOpenFds();
  for (int i = 0; i < 100 && !recorder_.closed; ++i) {
    if (!writer.Write({&byte, 1}, raw)) break;  // the channel closed its end
    ASSERT_TRUE(RunUntil(
        io_, [&] { return recorder_.closed.has_value() || test::BytesUnread(channel_->native_handle()) == 0; }));
    ASSERT_LE(test::CountOpenFds(), before + static_cast<int>(kMaxFdsPerFrame));
  }
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kProtocolError);
  EXPECT_NE(recorder_.closed->reason.find("more than once inside one frame"), std::string::npos)
      << recorder_.closed->reason;
}

TEST_F(ChannelTest, SendRefusesEmptyAndOversizeMessagesButStaysOpen) {
  proto::BrowserToRenderer empty;
  EXPECT_FALSE(channel_->Send(empty));
  proto::BrowserToRenderer huge;
  huge.mutable_fetch_response()->set_body(std::string(kMaxFrameBytes, 'x'));
  EXPECT_FALSE(channel_->Send(huge));
  EXPECT_TRUE(channel_->is_open());
  EXPECT_TRUE(channel_->Send(PingMessage(7)));
}

TEST_F(ChannelTest, PeerThatDoesNotReadHitsTheQueueCap) {
  proto::BrowserToRenderer big;
  big.mutable_fetch_response()->set_body(std::string(4 << 20, 'x'));
  // The peer never reads: the socket buffer fills, then the queue grows.
  int sent = 0;
  while (channel_->Send(big)) {
    ASSERT_LE(channel_->queued_bytes(), Channel::kMaxQueuedBytes);
    ASSERT_LT(++sent, 100) << "the queue never hit its cap";
  }
  EXPECT_GE(sent, static_cast<int>(Channel::kMaxQueuedBytes / (4 << 20)) - 1);
  EXPECT_FALSE(channel_->is_open());
  ASSERT_TRUE(WaitForClose());  // reported from the loop, not inside Send
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kIoError);
  EXPECT_NE(recorder_.closed->reason.find("not reading"), std::string::npos);
}

// M2: a frame carrying a 64 MiB memfd serializes to a few bytes, so the
// byte cap alone never trips. What is attached and unread is bounded too.
TEST_F(ChannelTest, PeerThatDoesNotReadHitsTheAttachmentCap) {
  int sent = 0;
  for (;;) {
    std::vector<UniqueFd> fds;
    fds.push_back(test::MakeMemfd(64u << 20, 0));  // sparse: costs no memory here
    ASSERT_TRUE(fds.back());
    if (!channel_->Send(PingMessage(1), std::move(fds))) break;
    const auto unread = channel_->unread_attachments();
    ASSERT_LE(unread.bytes, Channel::kMaxUnreadAttachedBytes);
    ASSERT_LT(++sent, 100) << "the attachments never hit their cap";
  }
  EXPECT_EQ(sent, static_cast<int>(Channel::kMaxUnreadAttachedBytes / (64u << 20)));
  ASSERT_TRUE(WaitForClose());
  EXPECT_EQ(recorder_.closed->cause, CloseCause::kIoError);
  EXPECT_NE(recorder_.closed->reason.find("not reading"), std::string::npos) << recorder_.closed->reason;
}

TEST_F(ChannelTest, PeerThatDoesNotReadHitsTheUnreadFdCap) {
  UniqueFd memfd = test::MakeMemfd(16, 0);
  int sent = 0;
  for (;;) {
    std::vector<UniqueFd> fds;
    fds.push_back(UniqueFd(::dup(memfd.get())));
    if (!channel_->Send(PingMessage(1), std::move(fds))) break;
    ASSERT_LE(channel_->unread_attachments().fds, Channel::kMaxUnreadFds);
    ASSERT_LE(++sent, static_cast<int>(Channel::kMaxUnreadFds)) << "the fds never hit their cap";
  }
  EXPECT_EQ(sent, static_cast<int>(Channel::kMaxUnreadFds));
  ASSERT_TRUE(WaitForClose());
  EXPECT_NE(recorder_.closed->reason.find("not reading"), std::string::npos) << recorder_.closed->reason;
}

// A peer that reads gets every attachment off the books, however many pass.
TEST(ChannelPairTest, AttachmentsThePeerReadAreReleased) {
  boost::asio::io_context io;
  ConnectedChannels pair(io);
  auto& [sender_recorder, recorder, sender, receiver] = pair;
  UniqueFd memfd = test::MakeMemfd(1u << 20, 0);
  constexpr int kFrames = 3000;  // past kMaxUnreadFds, and 3 GiB of attachments
  for (int i = 0; i < kFrames; ++i) {
    std::vector<UniqueFd> fds;
    fds.push_back(UniqueFd(::dup(memfd.get())));
    ASSERT_TRUE(sender->Send(PingMessage(i), std::move(fds))) << sender_recorder.closed->reason;
    if (i % 100 == 99) {
      ASSERT_TRUE(RunUntil(io, [&] { return recorder.frames.size() == 100; }));
      recorder.frames.clear();  // closes the received fds
      ASSERT_TRUE(RunUntil(io, [&] { return sender->unread_attachments().fds == 0; }))
          << sender->unread_attachments().fds << " still booked";
    }
  }
  sender->Close();
  receiver->Close();
}

TEST_F(ChannelTest, CloseIsSilentAndFailReportsOnce) {
  channel_->Fail(CloseCause::kProtocolError, "first");
  channel_->Fail(CloseCause::kIoError, "second");
  EXPECT_FALSE(recorder_.closed) << "reported inside Fail";
  ASSERT_TRUE(WaitForClose());
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(recorder_.close_count, 1);
  EXPECT_EQ(recorder_.closed->reason, "first");

  test::SocketPair pair = test::MakeSocketPair();
  auto other = Channel::Create(io_, std::move(pair.a));
  test::FrameRecorder other_recorder;
  other->Start(&other_recorder);
  other->Close();
  pair.b.Reset();
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(other_recorder.close_count, 0);
}

// Two Channels: fds ride with the frame they were sent with, arrive
// close-on-exec, and name the same files.
TEST(ChannelPairTest, FdsTravelWithTheirFrame) {
  boost::asio::io_context io;
  ConnectedChannels pair(io);
  auto& [sender_recorder, recorder, sender, receiver] = pair;

  UniqueFd first = test::MakeMemfd(100, 0);
  UniqueFd second = test::MakeMemfd(200, 0);
  std::vector<UniqueFd> fds;
  fds.push_back(UniqueFd(::dup(first.get())));  // dup clears CLOEXEC
  fds.push_back(UniqueFd(::dup(second.get())));
  ASSERT_FALSE(test::IsCloseOnExec(fds[0].get()));
  ASSERT_TRUE(sender->Send(PingMessage(1)));
  ASSERT_TRUE(sender->Send(PingMessage(2), std::move(fds)));
  ASSERT_TRUE(sender->Send(PingMessage(3)));
  ASSERT_TRUE(RunUntil(io, [&] { return recorder.frames.size() == 3 || recorder.closed; }));
  ASSERT_FALSE(recorder.closed) << recorder.closed->reason;
  ASSERT_EQ(recorder.frames.size(), 3u);
  EXPECT_TRUE(recorder.frames[0].fds.empty());
  ASSERT_EQ(recorder.frames[1].fds.size(), 2u);
  EXPECT_TRUE(recorder.frames[2].fds.empty());
  for (const UniqueFd& fd : recorder.frames[1].fds) EXPECT_TRUE(test::IsCloseOnExec(fd.get()));
  EXPECT_TRUE(test::SameFile(recorder.frames[1].fds[0].get(), first.get()));
  EXPECT_TRUE(test::SameFile(recorder.frames[1].fds[1].get(), second.get()));
  proto::BrowserToRenderer parsed;
  ASSERT_TRUE(parsed.ParseFromArray(recorder.frames[1].body.data(), static_cast<int>(recorder.frames[1].body.size())));
  EXPECT_EQ(parsed.ping().cookie(), 2u);
  sender->Close();
  receiver->Close();
}

// Which process sent each frame, on a socket that reports senders (the
// browser's end of the zygote's channel: a forked child's ForkedChild names
// its pid through it). Elsewhere the channel names none.
class SenderRecorder : public Channel::Delegate {
 public:
  void OnFrame(std::span<const uint8_t>, std::vector<UniqueFd>&) override { senders.push_back(channel->sender_pid()); }
  void OnChannelClosed(CloseCause, const std::string&) override {}
  Channel* channel = nullptr;
  std::vector<pid_t> senders;
};

// A channel started on one end of a socket pair, its frames' senders recorded;
// the tests write to the other end.
class ChannelSenderTest : public ::testing::Test {
 protected:
  void Start(bool report_senders) {
    if (report_senders) {
      ASSERT_TRUE(ReportSenders(pair_.a.get()));
    }
    channel_ = Channel::Create(io_, std::move(pair_.a));
    recorder_.channel = channel_.get();
    channel_->Start(&recorder_);
  }

  boost::asio::io_context io_;
  test::SocketPair pair_ = test::MakeSocketPair();
  std::shared_ptr<Channel> channel_;
  SenderRecorder recorder_;
};

TEST_F(ChannelSenderTest, NamesTheProcessThatSentEachFrame) {
  ASSERT_NO_FATAL_FAILURE(Start(/*report_senders=*/true));
  int release[2];
  ASSERT_EQ(::pipe2(release, O_CLOEXEC), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(release[1]);
    const std::vector<uint8_t> frame = RawFrameWriter::Frame(Bytes("hello"));
    const bool written = RawFrameWriter(pair_.b.get()).Write(frame);
    char ignored;
    while (::read(release[0], &ignored, 1) < 0 && errno == EINTR) {
    }
    ::_exit(written ? 0 : 1);
  }
  ASSERT_GT(child, 0);
  ::close(release[0]);
  const bool received = RunUntil(io_, [&] { return !recorder_.senders.empty(); });
  ::close(release[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(received);
  EXPECT_EQ(recorder_.senders, std::vector<pid_t>{child});
  channel_->Close();
}

// Linux ends a receive where the sender changes: frames of two senders
// queued one behind the other each arrive, each named by its own sender.
TEST_F(ChannelSenderTest, FramesOfTwoSendersQueuedTogetherAllArrive) {
  ASSERT_NO_FATAL_FAILURE(Start(/*report_senders=*/true));
  // The channel is waiting for its next edge; then two senders write, one
  // right after the other, before the loop looks again.
  io_.poll();
  ASSERT_TRUE(RawFrameWriter(pair_.b.get()).Write(RawFrameWriter::Frame(Bytes("from the parent"))));
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(RawFrameWriter(pair_.b.get()).Write(RawFrameWriter::Frame(Bytes("from the child"))) ? 0 : 1);
  }
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_TRUE(RunUntil(io_, [&] { return recorder_.senders.size() == 2; })) << recorder_.senders.size() << " of 2";
  EXPECT_EQ(recorder_.senders, (std::vector<pid_t>{::getpid(), child}));
  channel_->Close();
}

TEST_F(ChannelSenderTest, NamesNoSenderOnAnOrdinarySocket) {
  ASSERT_NO_FATAL_FAILURE(Start(/*report_senders=*/false));
  ASSERT_TRUE(RawFrameWriter(pair_.b.get()).Write(RawFrameWriter::Frame(Bytes("hello"))));
  ASSERT_TRUE(RunUntil(io_, [&] { return !recorder_.senders.empty(); }));
  EXPECT_EQ(recorder_.senders, std::vector<pid_t>{0});
  channel_->Close();
}

}  // namespace
}  // namespace sandtab::ipc
