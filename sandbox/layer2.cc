#include "sandbox/layer2.h"

#include <errno.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/child_plan.h"
#include "sandbox/prepared_layer2.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/setup_step.h"
#include "sandbox/sigsys_reporter.h"

namespace sandtab::sandbox {
namespace {

void Check(SetupStep step, int error) {
  if (error != 0) FailSetupStep(step, error);
}

int RemoveFilesystem() {
  if (chroot(kLayer2RootDir) != 0) return errno;
  // Without this the cwd would still point into the old view.
  return chdir("/") == 0 ? 0 : errno;
}

// Processes forked from one zygote share a PID namespace and a uid: to the
// kernel's ptrace access check (ptrace, process_vm_*, /proc/PID/mem,
// environ, fd/, kcmp, pidfd_getfd) a sibling is "the same user". Not
// dumpable, only a holder of CAP_SYS_PTRACE over our user namespace (the
// browser, outside) passes it. execve resets the flag, so the process
// sets it itself, after its exec.
int MakeNotDumpable() {
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return errno;
  return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : EPERM;
}

int DropCapabilities() {
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) return errno;
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2] = {};
  return syscall(SYS_capset, &header, data) == 0 ? 0 : errno;
}

// Steps 1-4 of both variants; step 5 (the filter) is theirs.
void EngageLayer2BeforeFilter() {
  // 1. Before the filter, which denies prctl(PR_SET_DUMPABLE); first,
  //    because nothing else depends on it.
  Check(SetupStep::kLayer2NotDumpable, MakeNotDumpable());
  // 2. Needs CAP_SYS_CHROOT, which step 3 drops; the filter kills chroot.
  Check(SetupStep::kLayer2RemoveFilesystem, RemoveFilesystem());
  // 3. After the chroot, before the filter (which denies capset).
  Check(SetupStep::kLayer2DropCapabilities, DropCapabilities());
  // 4. Before the filter, which kills rt_sigaction(SIGSYS).
  Check(SetupStep::kLayer2SigsysHandler, InstallSigsysReporter());
}

}  // namespace

void EngageLayer2(const PreparedLayer2& prepared) {
  EngageLayer2BeforeFilter();
  // 5. Last, as above: the prepared filter with this process's pid
  //    patched in (no libseccomp compile here).
  Check(SetupStep::kLayer2Seccomp, LoadPreparedSeccompPolicy(prepared));
}

void EngageLayer2(Profile profile) {
  EngageLayer2BeforeFilter();
  // 5. Last: it cuts off the calls every other step needs. Layer 1 set
  //    no-new-privs already; libseccomp sets it again (harmless).
  Check(SetupStep::kLayer2Seccomp, LoadSeccompPolicy(profile));
}

}  // namespace sandtab::sandbox
