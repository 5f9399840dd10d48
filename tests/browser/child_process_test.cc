// ChildProcess signals the process it was given, through its pidfd, never
// whatever process holds that pid now. The case that matters: a zygote's
// child is reaped by the zygote, so its pid can be reused before the
// browser hears that it died.
#include "browser/process/child_process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

// Waits for one byte on |pipe_read|, then exits with 42: killed before the
// byte came, it dies of SIGKILL instead.
pid_t StartWaiter(int pipe_read) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    char byte;
    while (::read(pipe_read, &byte, 1) < 0 && errno == EINTR) {
    }
    ::_exit(42);
  }
  return pid;
}

bool SetLastPid(pid_t pid) {
  const int fd = ::open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const std::string text = std::to_string(pid);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Runs as pid 1 of a new PID namespace, where pids can be handed out on
// purpose. Exit code 0: the reused pid's new owner was left alone.
int KillAfterPidReuse() {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return 10;
  const pid_t launched = StartWaiter(pipe_fds[0]);
  if (launched <= 0) return 11;
  ProcessRegistry registry(::getpid());
  boost::asio::io_context io;
  ChildReaper reaper(io);
  LaunchedChild child;
  child.pid = launched;
  child.pidfd = OpenPidfd(launched);
  auto process = ChildProcess::Create(io, reaper, registry, std::move(child), proto::PROCESS_TYPE_RENDERER, false,
                                      [](proto::DeathRecord) {});
  // It ends and is reaped behind the browser's back, as by a zygote.
  ::kill(launched, SIGKILL);
  if (::waitpid(launched, nullptr, 0) != launched) return 12;
  // Its pid goes to an unrelated process.
  if (!SetLastPid(launched - 1)) return 13;
  const pid_t stranger = StartWaiter(pipe_fds[0]);
  if (stranger != launched) return 14;  // no reuse: the test would prove nothing
  process->Kill(proto::DeathRecord::BAD_MESSAGE, "a test");
  process->Abandon();
  if (::write(pipe_fds[1], "x", 1) != 1) return 15;
  int status = 0;
  if (::waitpid(stranger, &status, 0) != stranger) return 16;
  return WIFEXITED(status) && WEXITSTATUS(status) == 42 ? 0 : 17;
}

TEST(ChildProcessDeathTest, AKillNeverReachesTheProcessThatReusedThePid) {
  if (::geteuid() != 0) GTEST_SKIP() << "a new PID namespace and ns_last_pid need root";
  EXPECT_EXIT(
      {
        if (::unshare(CLONE_NEWPID) != 0) ::_exit(20);
        const pid_t init = ::fork();
        if (init == 0) ::_exit(KillAfterPidReuse());
        int status = 0;
        if (init < 0 || ::waitpid(init, &status, 0) != init || !WIFEXITED(status)) ::_exit(21);
        ::_exit(WEXITSTATUS(status));
      },
      ::testing::ExitedWithCode(0), "");
}

// A waiter (StartWaiter) owned by a ChildProcess, with the registry it is in.
class RegisteredChildTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(::pipe2(pipe_fds_, O_CLOEXEC), 0); }
  void TearDown() override {
    ::close(pipe_fds_[0]);
    ::close(pipe_fds_[1]);
  }
  // Launches the waiter as a child of `type`, launched in `sandbox` mode.
  void Launch(proto::ProcessType type, SandboxMode sandbox) {
    pid_ = StartWaiter(pipe_fds_[0]);
    ASSERT_GT(pid_, 0);
    LaunchedChild child;
    child.pid = pid_;
    child.pidfd = OpenPidfd(pid_);
    child.sandbox = sandbox;
    process_ = ChildProcess::Create(io_, reaper_, registry_, std::move(child), type, false,
                                    [this](proto::DeathRecord) { listed_at_death_ = registry_.contains(pid_); });
  }
  void LetItExit() { ASSERT_EQ(::write(pipe_fds_[1], "x", 1), 1); }

  ProcessRegistry registry_{::getpid()};  // outlives the loop and what it still holds
  boost::asio::io_context io_;
  ChildReaper reaper_{io_};
  int pipe_fds_[2] = {-1, -1};
  pid_t pid_ = -1;
  std::shared_ptr<ChildProcess> process_;
  std::optional<bool> listed_at_death_;  // set when its death is reported
};

// A child is in the registry from its launch until it is reaped, as its owner
// describes it; once its owner lets go it is no longer listed, but it is
// still a live child until it is reaped.
TEST_F(RegisteredChildTest, IsInTheRegistryFromLaunchUntilReaped) {
  Launch(proto::PROCESS_TYPE_RENDERER, SandboxMode::kUnsandboxed);
  ProcessUse use;
  use.role = ProcessRole::kRenderer;
  use.tab = 4;
  use.state = [] { return std::string("loading"); };
  process_->SetUse(std::move(use));
  std::vector<ProcessRow> rows = registry_.Rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].pid, pid_);
  EXPECT_EQ(rows[1].type, "renderer");
  EXPECT_EQ(rows[1].tab, 4);
  EXPECT_EQ(rows[1].state, "loading");
  EXPECT_FALSE(rows[1].sandboxed);
  EXPECT_EQ(registry_.live_children(), 1u);

  process_->Abandon();  // SIGKILL; its owner is gone
  EXPECT_EQ(registry_.Rows().size(), 1u) << "a process nobody owns is not listed";
  EXPECT_EQ(registry_.live_children(), 1u) << "but it lives until it is reaped";
  process_.reset();
  ASSERT_TRUE(test::RunUntil(io_, [&] { return registry_.live_children() == 0; }));
  EXPECT_FALSE(registry_.contains(pid_));
  EXPECT_FALSE(listed_at_death_.has_value()) << "an abandoned process's death is nobody's to report";
}

TEST_F(RegisteredChildTest, LeavesTheRegistryWhenItDies) {
  Launch(proto::PROCESS_TYPE_PLUGIN, SandboxMode::kSandboxed);
  ASSERT_EQ(registry_.Rows().size(), 2u);
  EXPECT_EQ(registry_.Rows()[1].type, "plugin:") << "a plugin until its host names its type";
  EXPECT_TRUE(registry_.Rows()[1].sandboxed);
  LetItExit();  // with 42
  ASSERT_TRUE(test::RunUntil(io_, [&] { return !process_->alive(); }));
  ASSERT_TRUE(listed_at_death_.has_value());
  EXPECT_FALSE(*listed_at_death_) << "the owner hears of a death after the registry does";
  EXPECT_EQ(registry_.live_children(), 0u);
}

}  // namespace
}  // namespace sandtab::browser
