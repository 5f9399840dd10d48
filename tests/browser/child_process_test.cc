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

#include <string>

#include "browser/process/child_launcher.h"
#include "browser/process/child_reaper.h"

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
  boost::asio::io_context io;
  ChildReaper reaper(io);
  auto process = ChildProcess::Create(io, reaper, launched, OpenPidfd(launched), UniqueFd(),
                                      proto::PROCESS_TYPE_RENDERER, false, [](proto::DeathRecord) {});
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

}  // namespace
}  // namespace sandtab::browser
