#include <errno.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {

int JoinNetworkNamespace(const ChildPlan& plan) {
  if (plan.net_ns_fd < 0) return 0;  // the network namespace came with clone()
  return setns(plan.net_ns_fd, CLONE_NEWNET) == 0 ? 0 : errno;
}

int DropSupplementaryGroups() {
  // The caller's groups (root's include gid 0) would otherwise keep
  // granting access to group-owned files.
  // Raw syscall: glibc's setgroups() would wait for the caller's other
  // threads, which do not exist in the child (see SwitchIds).
  if (syscall(SYS_setgroups, 0, nullptr) == 0) return 0;
  // Not root: the kernel refuses, and the groups are the caller's own.
  return errno == EPERM ? 0 : errno;
}

int UnshareNamespaces(const ChildPlan& plan) {
  // The parent's end of the handshake must not stay open here, or the
  // child would never see EOF if the parent died.
  if (plan.parent_sync_fd >= 0) close(plan.parent_sync_fd);
  if (plan.unshare_flags == 0) return 0;
  if (unshare(plan.unshare_flags) != 0) return errno;
  // Tell the parent it may now write our uid/gid maps.
  char ready = 'u';
  return write(plan.sync_fd, &ready, 1) == 1 ? 0 : errno;
}

int WaitForIdMaps(const ChildPlan& plan) {
  char go = 0;
  ssize_t n;
  do {
    n = read(plan.sync_fd, &go, 1);
  } while (n < 0 && errno == EINTR);
  if (n != 1 || go != 'g') return n < 0 ? errno : EPIPE;  // parent gave up
  close(plan.sync_fd);
  return 0;
}

int SetHostname() {
  static constexpr char kHostname[] = "sandtab-sandbox";
  return sethostname(kHostname, sizeof(kHostname) - 1) == 0 ? 0 : errno;
}

}  // namespace sandtab::sandbox::child
