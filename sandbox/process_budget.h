// A zygote's child gets a process and thread budget of its own.
#ifndef SANDTAB_SANDBOX_PROCESS_BUDGET_H_
#define SANDTAB_SANDBOX_PROCESS_BUDGET_H_

#include <cstdint>

namespace sandtab::sandbox {

// Makes the calling process (single-threaded: right after fork, before
// layer 2) count its own processes and threads against |processes|,
// apart from its siblings. Returns 0 or the errno of the step that failed;
// the caller must not go on to run content then (fail closed).
//
// Why a user namespace: since Linux 5.14 RLIMIT_NPROC is counted per user
// namespace and uid (ucounts), and checked at every level up to the
// initial namespace, each level above against the limit its creator had
// when it created the level below. Children forked from one zygote share
// the zygote's namespace, so a limit set there counts all of them
// together: one renderer's threads would use up everyone's. So the child
// first makes a user namespace of its own, while it still has the zygote's
// limit (the new namespace records it as the cap of the zygote's level:
// all renderers together stay under it), and then lowers its own
// RLIMIT_NPROC to |processes|. No uid is mapped in the new namespace: the
// process keeps its host uid (files, signals, /proc see the same uid as
// before) and reads back the overflow uid (65534) for itself.
//
// A new user namespace gives its creator every capability in it and a full
// bounding set, and resets the securebits: they are restricted again as
// layer 1 left them (only CAP_SYS_CHROOT, for layer 2's chroot).
int TakeOwnProcessBudget(uint64_t processes);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_PROCESS_BUDGET_H_
