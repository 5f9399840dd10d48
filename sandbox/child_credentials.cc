#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {
namespace {

int SetCapabilities(uint32_t mask) {
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2] = {};
  data[0].effective = data[0].permitted = data[0].inheritable = mask;
  return syscall(SYS_capset, &header, data) == 0 ? 0 : errno;
}

}  // namespace

int SetNoNewPrivileges() {
  // No exec can ever gain privileges again (setuid bits, file
  // capabilities); also a precondition for loading seccomp as non-root.
  return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : errno;
}

// Needs CAP_SETPCAP in our user namespace, so it runs before
// KeepOnlyChrootCapability gives that up.
int RestrictCapabilityBoundingSet() {
  for (int cap = 0; cap <= 63; ++cap) {
    if (cap == CAP_SYS_CHROOT) continue;  // layer 2's chroot
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
      if (errno == EINVAL) break;  // past the kernel's last capability
      return errno;
    }
  }
  // uid 0 gets no capabilities at exec, setuid() never touches the
  // capability sets (KeepOnlyChrootCapability sets them explicitly), and
  // all of this is locked.
  int bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
             SECBIT_KEEP_CAPS_LOCKED;
  return prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) == 0 ? 0 : errno;
}

// The gid first, the conventional order-proof sequence. Capabilities are
// untouched (SECBIT_NO_SETUID_FIXUP): the mount steps after this still
// need them.
// Raw syscalls, not glibc's setresuid(): in a multi-threaded caller glibc
// broadcasts id changes to every thread it knows and waits for them, and
// after clone() the child has only one thread but glibc's list still has
// the caller's: it would wait forever.
int SwitchIds(const ChildPlan& plan) {
  if (syscall(SYS_setresgid, plan.gid, plan.gid, plan.gid) != 0) return errno;
  if (syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) != 0) return errno;
  if (getuid() != plan.uid || geteuid() != plan.uid || getgid() != plan.gid) return EPERM;
  return 0;
}

// Every capability goes except CAP_SYS_CHROOT (in this user namespace
// only), which layer 2 needs for its chroot; it is made ambient so it
// survives exec as a non-root uid, and layer 2 drops it right after use.
int KeepOnlyChrootCapability() {
  if (int error = SetCapabilities(1U << CAP_SYS_CHROOT)) return error;
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) return errno;
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_CHROOT, 0, 0) != 0) return errno;
  return 0;
}

// After SwitchIds and capset: a credential change clears the parent-death signal.
int SetParentDeathSignal(const ChildPlan& plan) {
  if (!plan.die_with_parent) return 0;
  // (As pid 1 of its namespace the child sees getppid() == 0, so a parent
  // that died before this line cannot be detected here.)
  return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == 0 ? 0 : errno;
}

}  // namespace sandtab::sandbox::child
