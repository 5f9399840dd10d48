#include "browser/process/child_launcher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <boost/asio/post.hpp>

#include "base/errno_message.h"
#include "sandbox/launcher.h"

namespace sandtab::browser {
// Layer 1 of the sandbox (or, under --no-sandbox, the same fd layout
// without it) comes from the sandbox's launcher: the same code path that
// sandtab-exec uses.
void ColdLauncher::Launch(const LaunchRequest& request, Callback callback) {
  boost::asio::post(
      io_, [result = LaunchNow(request), callback = std::move(callback)]() mutable { callback(std::move(result)); });
}

void SetProgram(LaunchRequest& request, const std::vector<std::string>& cmd_prefix, const std::string& program_dir,
                const std::string& program) {
  request.argv = cmd_prefix;
  if (!cmd_prefix.empty()) request.view_dirs = {program_dir};
  request.argv.push_back(program);
}

UniqueFd OpenPidfd(pid_t pid) {
  // Always close-on-exec (pidfd_open(2)).
  return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
}

bool KillThroughPidfd(const UniqueFd& pidfd) {
  if (!pidfd) {
    errno = EBADF;
    return false;
  }
  return ::syscall(SYS_pidfd_send_signal, pidfd.get(), SIGKILL, nullptr, 0) == 0;
}

Result<LaunchedChild> ColdLauncher::LaunchNow(const LaunchRequest& request) {
  if (request.argv.empty()) return Error{"no program to launch"};
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return Error{ErrnoMessage("socketpair")};
  UniqueFd browser_end(pair[0]), child_end(pair[1]);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
  UniqueFd log_read(pipe_fds[0]), log_write(pipe_fds[1]);

  sandbox::LaunchOptions options;
  options.profile = request.kind == ChildKind::kPlugin ? sandbox::Profile::kPlugin : sandbox::Profile::kRenderer;
  options.argv = request.argv;
  options.channel_fd = child_end.get();
  options.log_fd = log_write.get();
  options.sandboxed = request.sandbox == SandboxMode::kSandboxed;
  options.stdout_fd = request.stdout_fd;
  options.process_limit = request.process_limit;
  options.bind_now = request.bind_now;
  options.extra_view_dirs = request.view_dirs;
  ASSIGN_OR_RETURN(const pid_t pid, sandbox::Launch(options));
  LaunchedChild child;
  child.pid = pid;
  child.sandbox = request.sandbox;
  // Our own child: its pid stays its own until we reap it, so this pidfd
  // names it.
  child.pidfd = OpenPidfd(pid);
  if (!child.pidfd) {
    const std::string error = ErrnoMessage("pidfd_open");
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    return Error{error};
  }
  child.channel = std::move(browser_end);
  child.log = std::move(log_read);
  return child;
}

}  // namespace sandtab::browser
