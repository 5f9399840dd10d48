// The parked process (tests/fuzz/parked_process.h) the fake children of the
// host tests and the dispatch fuzzers are: a real child, waitable and
// killable through a pidfd, that holds no copy of any fd, ignores every
// signal but SIGKILL and dies with its parent.
#include "tests/fuzz/parked_process.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "base/unique_fd.h"
#include "browser/process/child_launcher.h"

namespace sandtab::fuzz {
namespace {

// The blocked-signal mask /proc reports for `pid` (0 if unreadable).
uint64_t BlockedSignals(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigBlk:", 0) == 0) return std::stoull(line.substr(7), nullptr, 16);
  }
  return 0;
}

bool Bit(uint64_t mask, int signal) { return (mask >> (signal - 1)) & 1; }

// Until the child has blocked its signals (it runs on its own schedule),
// at most 10 s.
bool WaitUntilParked(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (BlockedSignals(pid) == 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

int Reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

TEST(ParkedProcess, IsAChildKilledThroughItsPidfdAndReapedAsKilled) {
  if (!kHasParkedProcess) GTEST_SKIP() << "no parked clone on this architecture";
  const pid_t pid = SpawnParkedProcess();
  ASSERT_GT(pid, 0) << std::strerror(errno);
  EXPECT_NE(pid, ::getpid());
  UniqueFd pidfd = browser::OpenPidfd(pid);
  ASSERT_TRUE(pidfd.valid());
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "it ended on its own";
  ASSERT_TRUE(browser::KillThroughPidfd(pidfd));
  status = Reap(pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
}

TEST(ParkedProcess, EverySignalButSigkillIsBlocked) {
  if (!kHasParkedProcess) GTEST_SKIP() << "no parked clone on this architecture";
  const pid_t pid = SpawnParkedProcess();
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitUntilParked(pid)) << "it never blocked its signals";
  const uint64_t blocked = BlockedSignals(pid);
  for (int signal : {SIGINT, SIGTERM, SIGALRM, SIGUSR1, SIGUSR2, SIGSEGV, SIGCHLD}) {
    EXPECT_TRUE(Bit(blocked, signal)) << "signal " << signal << " can run a handler of ours";
  }
  // A signal whose default would end it stays pending; the death is the SIGKILL's.
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  const int status = Reap(pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
}

// It shares the fd table: closing our end of a socket is a hang-up the peer
// sees at once, while the parked process lives.
TEST(ParkedProcess, HoldsNoCopyOfAnyFd) {
  if (!kHasParkedProcess) GTEST_SKIP() << "no parked clone on this architecture";
  int pair[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, pair), 0);
  UniqueFd ours(pair[0]), peer(pair[1]);
  const pid_t pid = SpawnParkedProcess();
  ASSERT_GT(pid, 0);
  ours.Reset();
  char byte;
  EXPECT_EQ(::read(peer.get(), &byte, 1), 0) << "no EOF: the parked process holds a copy";
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  Reap(pid);
}

TEST(ParkedProcess, DiesWithItsParent) {
  if (!kHasParkedProcess) GTEST_SKIP() << "no parked clone on this architecture";
  int pipe_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  const pid_t parent = ::fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    const pid_t parked = SpawnParkedProcess();
    (void)!::write(write_end.get(), &parked, sizeof parked);
    ::_exit(0);
  }
  write_end.Reset();
  pid_t parked = -1;
  ASSERT_EQ(::read(read_end.get(), &parked, sizeof parked), static_cast<ssize_t>(sizeof parked));
  ASSERT_GT(parked, 0);
  UniqueFd pidfd = browser::OpenPidfd(parked);  // fails only if it is already gone
  Reap(parent);
  if (pidfd.valid()) {
    pollfd exited{pidfd.get(), POLLIN, 0};
    EXPECT_EQ(::poll(&exited, 1, 10'000), 1) << "the parked process outlived its parent";
  }
}

}  // namespace
}  // namespace sandtab::fuzz
