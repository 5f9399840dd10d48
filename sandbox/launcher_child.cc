#include "sandbox/launcher_child.h"

#include <errno.h>
#include <unistd.h>

#include "sandbox/child_steps.h"
#include "sandbox/setup_step.h"
#include "sandbox/zygote_loop.h"

namespace sandtab::sandbox {
namespace {

void Check(SetupStep step, int error) {
  if (error != 0) FailSetupStep(step, error);
}

}  // namespace

void RunChild(const ChildPlan& plan) {
  // First, so that nothing of the caller's signal handling runs here and a
  // failing step dies the ordinary way.
  Check(SetupStep::kResetSignals, child::ResetSignals());
  if (plan.sandboxed) {
    // Before the user namespace: joining needs CAP_SYS_ADMIN over the
    // network namespace's owner (the caller's user namespace), which the
    // child no longer has once inside its own.
    Check(SetupStep::kJoinNetworkNamespace, child::JoinNetworkNamespace(plan));
    // Still the caller's root: afterwards setgroups() is denied.
    Check(SetupStep::kDropSupplementaryGroups, child::DropSupplementaryGroups());
    // User + mount + IPC + UTS namespaces; the parent writes the id maps
    // once this is done, and every later step needs the capabilities the
    // child holds in its new user namespace.
    Check(SetupStep::kUnshareNamespaces, child::UnshareNamespaces(plan));
    Check(SetupStep::kWaitForIdMaps, child::WaitForIdMaps(plan));
  }
  // After the handshake (close_range would close the handshake socket) and
  // before the filesystem view (/dev/null is opened from the host's).
  Check(SetupStep::kFileDescriptors, child::SetUpFileDescriptors(plan));
  if (plan.sandboxed) {
    // Needs CAP_SETPCAP; it also sets SECBIT_NO_SETUID_FIXUP, which is what
    // lets the child keep its capabilities across SwitchIds below.
    Check(SetupStep::kCapabilityBoundingSet, child::RestrictCapabilityBoundingSet());
    // Before the filesystem view: until now the child is the host's uid 0,
    // which is unmapped in its user namespace, and the kernel refuses to
    // create files (the view's mount points) for an unmapped owner
    // (EOVERFLOW). As root, writing the maps is not enough: these calls are
    // what make the child unprivileged on the host.
    Check(SetupStep::kSwitchIds, child::SwitchIds(plan));
    // Needs CAP_SYS_ADMIN in the new user namespace: before the drop.
    Check(SetupStep::kFilesystemView, child::SetUpFilesystemView(plan));
    Check(SetupStep::kHostname, child::SetHostname());
    // Only lowers limits: no ordering constraint but "before exec" (and
    // after SwitchIds, so RLIMIT_NPROC counts the sandbox's own uid).
    Check(SetupStep::kResourceLimits, child::ApplyResourceLimits(plan));
    Check(SetupStep::kNoNewPrivileges, child::SetNoNewPrivileges());
    // Last of the credential steps: every step above needs a capability.
    Check(SetupStep::kCapabilities, child::KeepOnlyChrootCapability());
  }
  // After every credential change, which would clear it.
  Check(SetupStep::kParentDeathSignal, child::SetParentDeathSignal(plan));
  // Zygote mode: the same process, set up by the same steps, forks the
  // program's processes instead of becoming one (zygote_loop.h).
  if (plan.zygote_children > 0) RunZygoteLoop(plan);
  execve(plan.exec_path.c_str(), plan.argv.data(), plan.envp.data());
  FailSetupStep(SetupStep::kExec, errno);
}

}  // namespace sandtab::sandbox
