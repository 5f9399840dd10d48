// The steps the launched child runs between clone() and exec(), one small
// file per kernel subsystem. Each returns 0 or the errno of what failed.
// All of them are async-signal-safe (system calls only): see child_plan.h.
// The order is fixed in launcher_child.cc, which says why.
#ifndef SANDTAB_SANDBOX_CHILD_STEPS_H_
#define SANDTAB_SANDBOX_CHILD_STEPS_H_

#include "sandbox/child_plan.h"

namespace sandtab::sandbox::child {

// child_signals.cc
int ResetSignals();
// child_namespaces.cc
int JoinNetworkNamespace(const ChildPlan& plan);
int DropSupplementaryGroups();
int UnshareNamespaces(const ChildPlan& plan);
int WaitForIdMaps(const ChildPlan& plan);
int SetHostname();
// child_fds.cc
int SetUpFileDescriptors(const ChildPlan& plan);
// child_filesystem.cc
int SetUpFilesystemView(const ChildPlan& plan);
// child_limits.cc
int ApplyResourceLimits(const ChildPlan& plan);
// child_credentials.cc
int SetNoNewPrivileges();
int RestrictCapabilityBoundingSet();
int SwitchIds(const ChildPlan& plan);
int KeepOnlyChrootCapability();
int SetParentDeathSignal(const ChildPlan& plan);

}  // namespace sandtab::sandbox::child

#endif  // SANDTAB_SANDBOX_CHILD_STEPS_H_
