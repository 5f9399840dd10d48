#include "sandbox/launcher.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "base/errno_message.h"
#include "base/unique_fd.h"
#include "sandbox/child_plan.h"
#include "sandbox/launcher_child.h"
#include "sandbox/setup_step.h"
#include "sandbox/shared_net_namespace.h"

namespace sandtab::sandbox {
namespace {

constexpr int kHandshakeTimeoutMs = 5000;
// IPC and UTS namespaces are unshared together with the user namespace so
// they belong to it; the PID namespace must come from clone() (unshare
// would only move the child's future children into it).
constexpr int kUnshareFlags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS;

bool WriteFile(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// Inside uid/gid kSandboxUid/Gid map to the host's nobody when we are root
// (so a sandbox owns nothing on the host), else to our own ids (the only
// ones an unprivileged process may map). setgroups is denied first (the
// kernel requires it before an unprivileged gid_map, and it is a hardening
// anyway).
bool WriteIdMaps(pid_t pid) {
  std::string proc = "/proc/" + std::to_string(pid);
  uid_t outer_uid = geteuid() == 0 ? kSandboxUid : geteuid();
  gid_t outer_gid = geteuid() == 0 ? kSandboxGid : getegid();
  return WriteFile(proc + "/setgroups", "deny") &&
         WriteFile(proc + "/uid_map", std::to_string(kSandboxUid) + " " + std::to_string(outer_uid) + " 1\n") &&
         WriteFile(proc + "/gid_map", std::to_string(kSandboxGid) + " " + std::to_string(outer_gid) + " 1\n");
}

bool WaitReadable(int fd) {
  struct pollfd poll_fd = {fd, POLLIN, 0};
  int n;
  do {
    n = poll(&poll_fd, 1, kHandshakeTimeoutMs);
  } while (n < 0 && errno == EINTR);
  return n == 1;
}

// Kills and reaps a child that will not be handed to the caller; explains
// a set-up failure by its step. ECHILD: the caller's own SIGCHLD handling
// reaped it first.
std::string AbandonChild(pid_t pid, std::string error) {
  kill(pid, SIGKILL);
  int status = 0;
  pid_t reaped;
  do {
    reaped = waitpid(pid, &status, 0);
  } while (reaped < 0 && errno == EINTR);
  if (reaped == pid && WIFEXITED(status)) {
    if (auto step = SetupFailureStep(WEXITSTATUS(status))) return "sandbox set-up failed: " + *step;
  }
  return error;
}

pid_t CloneChild(const ChildPlan& plan) {
  // Block every signal around clone(): a handler of the caller must never
  // run in the child before RunChild() has reset the handlers.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  // Raw clone without CLONE_VM: a fork() that can also create namespaces.
  // glibc's fork handlers do not run, which is right: the child only makes
  // system calls until exec.
  long pid =
      syscall(SYS_clone, static_cast<unsigned long>(plan.clone_flags | SIGCHLD), nullptr, nullptr, nullptr, nullptr);
  if (pid == 0) RunChild(plan);
  int saved_errno = errno;
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = saved_errno;
  return static_cast<pid_t>(pid);
}

}  // namespace

Result<pid_t> Launch(const LaunchOptions& options) {
  ChildPlan plan;
  if (std::string error = BuildChildPlan(options, &plan); !error.empty()) return Error{std::move(error)};
  UniqueFd parent_sync, child_sync;
  if (options.sandboxed) {
    plan.net_ns_fd = SharedNetNamespaceFd();
    if (plan.net_ns_fd >= 0) {
      // Root: PID namespace from clone(), the rest unshared by the child
      // after it joined the shared network namespace.
      plan.clone_flags = CLONE_NEWPID;
      plan.unshare_flags = kUnshareFlags;
    } else {
      // Not root: everything from clone(), a network namespace per child.
      plan.clone_flags = kUnshareFlags | CLONE_NEWPID | CLONE_NEWNET;
    }
    int sync[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sync) != 0) return Error{ErrnoMessage("socketpair")};
    parent_sync = UniqueFd(sync[0]);
    child_sync = UniqueFd(sync[1]);
    plan.sync_fd = child_sync.get();
    plan.parent_sync_fd = parent_sync.get();
  }
  const pid_t pid = CloneChild(plan);
  child_sync.Reset();  // the child's end is the child's now
  if (pid < 0) return Error{ErrnoMessage("clone")};
  if (options.sandboxed) {
    std::string error;
    char ready = 0;
    const int sync = parent_sync.get();
    if (plan.unshare_flags != 0 && !(WaitReadable(sync) && read(sync, &ready, 1) == 1 && ready == 'u'))
      error = "sandboxed child did not reach its namespaces";
    else if (!WriteIdMaps(pid))
      error = ErrnoMessage("writing the child's uid/gid maps");
    else if (char go = 'g'; write(sync, &go, 1) != 1)
      error = ErrnoMessage("handshake with the child");
    parent_sync.Reset();
    if (!error.empty()) return Error{AbandonChild(pid, error)};
  }
  return pid;
}

}  // namespace sandtab::sandbox
