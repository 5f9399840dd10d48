#ifndef SANDTAB_BROWSER_PROCESS_CHILD_LAUNCHER_H_
#define SANDTAB_BROWSER_PROCESS_CHILD_LAUNCHER_H_

#include <sys/types.h>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace sandtab::browser {

enum class ChildKind { kRenderer, kPlugin };

enum class SandboxMode { kSandboxed, kUnsandboxed };

struct LaunchRequest {
  ChildKind kind = ChildKind::kRenderer;
  std::vector<std::string> argv;  // argv[0]: absolute path of the program
  SandboxMode sandbox = SandboxMode::kSandboxed;
  int stdout_fd = -1;          // becomes fd 1 (-1: /dev/null)
  uint64_t process_limit = 0;  // RLIMIT_NPROC override (0: the profile's)
  bool bind_now = false;       // resolve every symbol at exec (the zygote: see sandbox::LaunchOptions)
  // Under a command prefix argv[0] is the wrapper: the real program's folder
  // must be in the sandbox's view too, or the wrapper cannot run it.
  std::vector<std::string> view_dirs;
};

// Sets request.argv to `program` (an absolute path in `program_dir`) behind
// `cmd_prefix`, the words of --renderer-cmd-prefix, --plugin-launcher or
// --zygote-cmd-prefix (none: the program itself). Under a prefix the
// program's folder joins view_dirs. The program's own flags go after.
void SetProgram(LaunchRequest& request, const std::vector<std::string>& cmd_prefix, const std::string& program_dir,
                const std::string& program);

// A started child: a direct, waitable child of the browser whose fd 3 is the
// other end of `channel`, and whose fd 2 writes into `log`.
struct LaunchedChild {
  pid_t pid = -1;
  UniqueFd channel;
  UniqueFd log;
  // A pidfd: the browser signals the child through it, never through the
  // pid. A zygote's child is reaped by the zygote, so its pid can name
  // another process before the browser hears it died; a pidfd keeps
  // naming this one (and a signal to it, once dead, fails with ESRCH).
  UniqueFd pidfd;
  SandboxMode sandbox = SandboxMode::kSandboxed;  // as it was launched
};

// pidfd_open(pid) (Linux 5.3), close-on-exec; an empty fd on failure.
UniqueFd OpenPidfd(pid_t pid);
// SIGKILL through a pidfd. False (errno set) if it is gone or was never opened.
bool KillThroughPidfd(const UniqueFd& pidfd);

// How children come to life. An interface because there are two ways (DESIGN
// section 7): a cold fork+exec, and a fork from a zygote. The answer is
// asynchronous (a zygote fork is a round trip) and always arrives through
// the io_context, never from inside Launch().
class ChildLauncher {
 public:
  using Callback = std::function<void(Result<LaunchedChild>)>;
  virtual ~ChildLauncher() = default;
  virtual void Launch(const LaunchRequest& request, Callback callback) = 0;
};

// fork+exec of the program, through the sandbox's launcher (layer 1).
class ColdLauncher : public ChildLauncher {
 public:
  explicit ColdLauncher(boost::asio::io_context& io) : io_(io) {}
  void Launch(const LaunchRequest& request, Callback callback) override;
  // The same, answered at once (plugins, the zygote itself).
  static Result<LaunchedChild> LaunchNow(const LaunchRequest& request);

 private:
  boost::asio::io_context& io_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_CHILD_LAUNCHER_H_
