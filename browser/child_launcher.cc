#include "browser/child_launcher.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sandtab::browser {
namespace {

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

// Until the sandbox's launcher lands this is a plain fork+exec with the fd
// layout of the contract: fd 3 the channel, fd 2 the log pipe, fds 0 and 1
// /dev/null, nothing else open.
Result<LaunchedChild> ColdLauncher::Launch(const LaunchRequest& request) {
  if (request.argv.empty()) return Error{"no program to launch"};
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return Error{Errno("socketpair")};
  ipc::UniqueFd browser_end(pair[0]), child_end(pair[1]);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return Error{Errno("pipe2")};
  ipc::UniqueFd log_read(pipe_fds[0]), log_write(pipe_fds[1]);

  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls.
  std::vector<char*> argv;
  for (const auto& arg : request.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  char empty_env_entry[] = "LANG=C.UTF-8";
  char* envp[] = {empty_env_entry, nullptr};

  pid_t pid = ::fork();
  if (pid < 0) return Error{Errno("fork")};
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDWR);
    if (devnull < 0 || ::dup2(devnull, 0) < 0 || ::dup2(devnull, 1) < 0 ||
        ::dup2(log_write.get(), 2) < 0 || ::dup2(child_end.get(), 3) < 0) {
      ::_exit(127);
    }
    ::close_range(4, ~0u, 0);
    ::execve(argv[0], argv.data(), envp);
    ::_exit(127);
  }
  LaunchedChild child;
  child.pid = pid;
  child.channel = std::move(browser_end);
  child.log = std::move(log_read);
  return child;
}

}  // namespace sandtab::browser
