#include "ipc/fd_passing.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "tests/support/fd_helpers.h"
#include "tests/support/raw_frame_writer.h"

namespace sandtab::ipc {
namespace {

TEST(FdPassingTest, SendRefusesMoreThanTheCap) {
  test::SocketPair pair = test::MakeSocketPair();
  std::vector<int> fds(kMaxFdsPerFrame + 1, pair.a.get());
  uint8_t byte = 1;
  errno = 0;
  EXPECT_EQ(SendWithFds(pair.a.get(), {&byte, 1}, fds), -1);
  EXPECT_EQ(errno, EMSGSIZE);
  EXPECT_EQ(test::BytesUnread(pair.b.get()), 0);
}

TEST(FdPassingTest, ReceivedFdsAreCloseOnExec) {
  test::SocketPair pair = test::MakeSocketPair();
  UniqueFd memfd = test::MakeMemfd(10, 0);
  UniqueFd inheritable(::dup(memfd.get()));
  ASSERT_FALSE(test::IsCloseOnExec(inheritable.get()));
  int raw = inheritable.get();
  uint8_t byte = 1;
  ASSERT_EQ(SendWithFds(pair.a.get(), {&byte, 1}, {&raw, 1}), 1);
  uint8_t buffer[8];
  std::vector<UniqueFd> received;
  ASSERT_EQ(ReceiveWithFds(pair.b.get(), buffer, &received), 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(test::IsCloseOnExec(received[0].get()));
  EXPECT_TRUE(test::SameFile(received[0].get(), memfd.get()));
}

TEST(FdPassingTest, OversupplyIsRefusedAndEveryFdClosed) {
  test::SocketPair pair = test::MakeSocketPair();
  std::vector<UniqueFd> owned;
  std::vector<int> raw;
  for (size_t i = 0; i < kMaxFdsPerFrame + 3; ++i) {
    owned.push_back(test::MakeMemfd(10, 0));
    raw.push_back(owned.back().get());
  }
  uint8_t byte = 1;
  ASSERT_TRUE(test::RawFrameWriter(pair.a.get()).Write({&byte, 1}, raw));
  owned.clear();
  const int before = test::CountOpenFds();
  uint8_t buffer[8];
  std::vector<UniqueFd> received;
  errno = 0;
  EXPECT_EQ(ReceiveWithFds(pair.b.get(), buffer, &received), -1);
  EXPECT_EQ(errno, EMSGSIZE);
  EXPECT_TRUE(received.empty());
  EXPECT_EQ(test::CountOpenFds(), before) << test::DescribeOpenFds();
}

TEST(FdPassingTest, NothingToReadIsEagain) {
  test::SocketPair pair = test::MakeSocketPair();
  uint8_t buffer[8];
  std::vector<UniqueFd> received;
  errno = 0;
  EXPECT_EQ(ReceiveWithFds(pair.b.get(), buffer, &received), -1);
  EXPECT_EQ(errno, EAGAIN);
}

}  // namespace
}  // namespace sandtab::ipc
