#include "base/unique_fd.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <utility>

namespace sandtab {
namespace {

bool IsOpen(int fd) { return ::fcntl(fd, F_GETFD) >= 0; }

int OpenDevNull() { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }

TEST(UniqueFd, ClosesOnDestruction) {
  int raw = -1;
  {
    UniqueFd fd(OpenDevNull());
    ASSERT_TRUE(fd.valid());
    raw = fd.get();
    EXPECT_TRUE(IsOpen(raw));
  }
  EXPECT_FALSE(IsOpen(raw));
}

TEST(UniqueFd, MoveTransfersOwnershipAndAssignmentClosesTheOldFd) {
  UniqueFd first(OpenDevNull());
  UniqueFd second(OpenDevNull());
  const int first_raw = first.get(), second_raw = second.get();
  second = std::move(first);
  EXPECT_FALSE(first.valid());
  EXPECT_EQ(second.get(), first_raw);
  EXPECT_FALSE(IsOpen(second_raw));
  EXPECT_TRUE(IsOpen(first_raw));
  UniqueFd third(std::move(second));
  EXPECT_FALSE(second.valid());
  EXPECT_EQ(third.get(), first_raw);
}

TEST(UniqueFd, ReleaseGivesUpOwnershipWithoutClosing) {
  UniqueFd fd(OpenDevNull());
  const int raw = fd.Release();
  EXPECT_FALSE(fd);
  EXPECT_TRUE(IsOpen(raw));
  ::close(raw);
}

TEST(UniqueFd, ResetClosesTheHeldFdAndTakesTheNewOne) {
  UniqueFd fd(OpenDevNull());
  const int old_raw = fd.get();
  const int new_raw = ::fcntl(old_raw, F_DUPFD_CLOEXEC, old_raw + 1);
  fd.Reset(new_raw);
  EXPECT_FALSE(IsOpen(old_raw));
  EXPECT_EQ(fd.get(), new_raw);
  fd.Reset();
  EXPECT_FALSE(IsOpen(new_raw));
  EXPECT_FALSE(fd.valid());
}

}  // namespace
}  // namespace sandtab
