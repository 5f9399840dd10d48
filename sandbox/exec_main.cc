// sandtab-exec: run a program under a sandbox profile, both layers, through
// the same Launch() the browser uses. See exec_flags.h for the usage.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "sandbox/exec_flags.h"
#include "sandbox/exit_codes.h"
#include "sandbox/launcher.h"

namespace {

using sandtab::sandbox::ExecConfig;

int Run(const ExecConfig& config) {
  std::string program = sandtab::sandbox::ResolveProgram(config.argv[0]);
  if (program.empty()) {
    std::fprintf(stderr, "sandtab-exec: cannot find program '%s'\n", config.argv[0].c_str());
    return sandtab::sandbox::kExitCannotStart;
  }
  if (!config.sandboxed) {
    std::fprintf(stderr,
                 "sandtab-exec: WARNING: --no-sandbox: '%s' runs with NO sandbox at all "
                 "(no namespaces, no limits, no seccomp). Debugging only.\n",
                 program.c_str());
  }
  sandtab::sandbox::LaunchOptions options;
  options.profile = config.profile;
  options.argv = config.argv;
  options.argv[0] = program;
  options.channel_fd = fcntl(3, F_GETFD) >= 0 ? 3 : -1;  // pass our fd 3 on, if any
  options.stdin_fd = STDIN_FILENO;
  options.stdout_fd = STDOUT_FILENO;
  options.log_fd = STDERR_FILENO;
  options.sandboxed = config.sandboxed;
  options.layer2_before_main = true;
  options.die_with_parent = true;  // our only thread waits for it
  // The zygote reports its children's ends itself and exits with their
  // combined status (zygote_loop.h), which is forwarded like any exit code.
  options.zygote_children = config.zygote_children;
  sandtab::Result<pid_t> launched = sandtab::sandbox::Launch(options);
  if (!launched) {
    std::fprintf(stderr, "sandtab-exec: %s\n", launched.error().c_str());
    return 126;
  }
  // The child (or zygote) has its own copies now. Ours would only keep its
  // peers from seeing EOF when it closes them (fd 2 stays: we report on it).
  close(STDIN_FILENO);
  close(STDOUT_FILENO);
  close(3);
  int status = 0;
  while (waitpid(*launched, &status, 0) < 0) {
    if (errno != EINTR) {
      std::perror("sandtab-exec: waitpid");
      return 125;
    }
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    std::fprintf(stderr, "sandtab-exec: %s killed by signal %d (%s)\n", program.c_str(), sig, strsignal(sig));
    return 128 + sig;
  }
  return WEXITSTATUS(status);
}

}  // namespace

int main(int argc, char** argv) {
  ExecConfig config;
  std::string error = sandtab::sandbox::ParseExecFlags(std::vector<std::string>(argv + 1, argv + argc), &config);
  if (config.help) {
    std::fputs(sandtab::sandbox::kExecUsage, stdout);
    return 0;
  }
  if (!error.empty()) {
    std::fprintf(stderr, "sandtab-exec: %s\n%s", error.c_str(), sandtab::sandbox::kExecUsage);
    return 2;
  }
  return Run(config);
}
