#include "sandbox/zygote_loop.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox/async_safe.h"
#include "sandbox/setup_step.h"

namespace sandtab::sandbox {
namespace {

// "sandtab-exec: zygote child 2/3 pid=3 exited with code 0", or
// "... pid=3 <program> killed by signal 31 (Bad system call)". With one
// child only deaths by signal are reported (as sandtab-exec does cold).
void ReportEnd(const ChildPlan& plan, int index, pid_t pid, int status) {
  bool signaled = WIFSIGNALED(status);
  if (plan.zygote_children == 1 && !signaled) return;
  async_safe::LineBuffer line;
  line.Append("sandtab-exec: zygote child ")
      .AppendInt(index + 1)
      .Append("/")
      .AppendInt(plan.zygote_children)
      .Append(" pid=")
      .AppendInt(pid);
  if (signaled) {
    const char* description = sigdescr_np(WTERMSIG(status));  // a static table
    line.Append(" ")
        .Append(plan.exec_path.c_str())
        .Append(" killed by signal ")
        .AppendInt(WTERMSIG(status))
        .Append(" (")
        .Append(description ? description : "?")
        .Append(")\n");
  } else {
    line.Append(" exited with code ").AppendInt(WEXITSTATUS(status)).Append("\n");
  }
  line.WriteTo(STDERR_FILENO);
}

}  // namespace

int ZygoteExitCode(const int* statuses, int count) {
  for (int i = 0; i < count; ++i) {
    if (WIFSIGNALED(statuses[i])) return 128 + WTERMSIG(statuses[i]);
    if (WIFEXITED(statuses[i]) && WEXITSTATUS(statuses[i]) != 0) return WEXITSTATUS(statuses[i]);
  }
  return 0;
}

void RunZygoteLoop(const ChildPlan& plan) {
  pid_t pids[kMaxZygoteChildren] = {};
  int statuses[kMaxZygoteChildren] = {};
  const int count = plan.zygote_children;
  for (int i = 0; i < count; ++i) {
    pid_t pid = fork();
    if (pid < 0) FailSetupStep(SetupStep::kZygoteFork, errno);  // the PID namespace takes the others along
    if (pid == 0) {
      // The renderer zygote's children set PR_SET_DUMPABLE 0 here; across
      // execve the kernel resets it to 1 (a new mm, same uid), so for an
      // exec'd child EngageLayer2 does it (step layer2-not-dumpable).
      execve(plan.exec_path.c_str(), plan.argv.data(), plan.envp.data());
      FailSetupStep(SetupStep::kExec, errno);
    }
    pids[i] = pid;
  }
  // The children hold the stdin, stdout and channel; our copies would only
  // keep the peers from seeing EOF when the children end. fd 2 stays for
  // the reports.
  close(STDIN_FILENO);
  close(STDOUT_FILENO);
  close(3);
  // We are pid 1: every orphan of the namespace is ours to reap too.
  int left = count;
  while (left > 0) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;  // ECHILD: nothing left (cannot happen while left > 0)
    }
    for (int i = 0; i < count; ++i) {
      if (pids[i] != pid) continue;
      statuses[i] = status;
      ReportEnd(plan, i, pid, status);
      --left;
    }
  }
  _exit(ZygoteExitCode(statuses, count));
}

}  // namespace sandtab::sandbox
