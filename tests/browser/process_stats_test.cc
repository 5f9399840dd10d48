// /proc readers, checked against things this test does to its own process.
#include "browser/process/process_stats.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

TEST(ProcessStatsTest, CountOwnFdsSeesANewMemfdAndItsClose) {
  const FdCounts before = CountOwnFds();
  ASSERT_GE(before.total, 3);  // at least stdin, stdout, stderr
  const int fd = ::memfd_create("sandtab-stats-test", MFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  const FdCounts during = CountOwnFds();
  EXPECT_EQ(during.total, before.total + 1);
  EXPECT_EQ(during.memfds, before.memfds + 1);
  ::close(fd);
  const FdCounts after = CountOwnFds();
  EXPECT_EQ(after.total, before.total);
  EXPECT_EQ(after.memfds, before.memfds);
}

TEST(ProcessStatsTest, OrdinaryFdsAreNotMemfds) {
  const FdCounts before = CountOwnFds();
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const FdCounts during = CountOwnFds();
  EXPECT_EQ(during.total, before.total + 2);
  EXPECT_EQ(during.memfds, before.memfds);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  EXPECT_EQ(CountOwnFds().total, before.total);
}

TEST(ProcessStatsTest, ReadProcessUsageOfSelf) {
  // Touch some memory and burn a little CPU so both are clearly nonzero.
  std::vector<char> memory(8 << 20, 1);
  volatile uint64_t sink = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
  while (std::chrono::steady_clock::now() < until) sink = sink + 1;

  const ProcessUsage usage = ReadProcessUsage(::getpid());
  EXPECT_TRUE(usage.exists);
  EXPECT_GT(usage.rss_kib, 8u * 1024) << "an 8 MiB vector is resident";
  EXPECT_GT(usage.pss_kib, 0u);
  EXPECT_LE(usage.pss_kib, usage.rss_kib);
  EXPECT_GT(usage.private_kib, 0u);
  EXPECT_LE(usage.private_kib, usage.rss_kib);
  EXPECT_GT(usage.cpu_seconds, 0.0);
  EXPECT_EQ(usage.state, 'R');  // it is reading its own stat, so it runs
  EXPECT_EQ(memory[memory.size() - 1], 1);
}

TEST(ProcessStatsTest, ReadProcessUsageOfAMissingProcess) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ::_exit(0);
  int status = 0;
  ASSERT_TRUE(testing::WaitPidFor(pid, &status, std::chrono::seconds(5)));
  const ProcessUsage usage = ReadProcessUsage(pid);  // reaped, gone
  EXPECT_FALSE(usage.exists);
  EXPECT_EQ(usage.rss_kib, 0u);
}

TEST(ProcessStatsTest, CountOwnZombiesSeesAnUnreapedChild) {
  const int before = CountOwnZombies();
  EXPECT_EQ(before, 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ::_exit(0);
  // Wait for it to die without reaping it (WNOWAIT), bounded by an alarm-free poll.
  siginfo_t info{};
  bool dead = false;
  for (int i = 0; i < 2500 && !dead; ++i) {
    info.si_pid = 0;
    if (::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
      dead = true;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(dead);
  EXPECT_EQ(ReadProcessUsage(pid).state, 'Z');
  EXPECT_EQ(CountOwnZombies(), before + 1);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_EQ(CountOwnZombies(), before);
}

TEST(ProcessStatsTest, ALiveChildIsNotAZombie) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    for (;;) ::pause();
  }
  EXPECT_EQ(CountOwnZombies(), 0);
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
}

TEST(ProcessStatsTest, ShmCountersAnswer) {
  EXPECT_GE(CountDevShmEntries(), 0);
  EXPECT_GE(CountSysvShmSegments(), 0);
}

}  // namespace
}  // namespace sandtab::browser
