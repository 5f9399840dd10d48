// Runs a sandboxed program (through sandtab-exec or Launch()) with its
// output captured, every wait bounded by a timeout.
#ifndef SANDTAB_TESTS_SANDBOX_RUN_HELPER_H_
#define SANDTAB_TESTS_SANDBOX_RUN_HELPER_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "sandbox/launcher.h"

namespace sandtab::sandbox::testing {

inline constexpr int kTimeoutMs = 20000;

struct RunResult {
  bool timed_out = false;
  int status = 0;  // from waitpid
  std::string out, err;
  std::string Describe() const;  // for failure messages
};

// sandtab-exec ARGS..., with |fd3| (if >= 0) as its fd 3.
RunResult RunExec(const std::vector<std::string>& args, int fd3 = -1, int timeout_ms = kTimeoutMs);
// The same with |stdin_fd| as its fd 0 and |fd3| as its fd 3, both closed
// here as soon as sandtab-exec has them: afterwards only the sandboxed
// program(s) hold them (sandtab-exec and the zygote close their copies).
RunResult RunExecGivingFds(const std::vector<std::string>& args, int stdin_fd, int fd3, int timeout_ms = kTimeoutMs);

// How sandtab-exec starts the program: cold (Launch() execs it) or forked
// from a zygote (--zygote): the hostile suite runs both ways.
enum class LaunchMode { kCold, kZygote };
// The sandtab-exec flags of |mode| ({} or {"--zygote"}).
std::vector<std::string> ModeFlags(LaunchMode mode);
// "cold" / "zygote", for test names.
std::string ModeName(LaunchMode mode);
inline constexpr LaunchMode kLaunchModes[] = {LaunchMode::kCold, LaunchMode::kZygote};
// Launch(options) with stdout and the log fd captured.
RunResult RunLaunched(LaunchOptions options, int timeout_ms = kTimeoutMs);
// Reads |out_fd| and |err_fd| until EOF and reaps |pid|; SIGKILLs it at the deadline.
RunResult Collect(pid_t pid, int out_fd, int err_fd, int timeout_ms);

std::string ExecPath();     // build/bin/sandtab-exec
std::string HostilePath();  // build/bin/sandbox_hostile

struct Attempt {
  bool allowed = false;
  int error = 0;
};
// The "ATTEMPT name allowed|denied errno=N" lines of |out|.
std::map<std::string, Attempt> ParseAttempts(const std::string& out);
// Lines of |out| starting with |prefix| + " ", prefix removed.
std::vector<std::string> LinesWith(const std::string& out, const std::string& prefix);

// A private temporary folder, removed (with what is left in it) at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace sandtab::sandbox::testing

#endif  // SANDTAB_TESTS_SANDBOX_RUN_HELPER_H_
