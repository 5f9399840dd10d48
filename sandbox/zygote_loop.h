// The zygote mode of Launch() (LaunchOptions::zygote_children), used by
// `sandtab-exec --zygote[=N]` to run programs exactly where the renderer
// zygote puts its renderers: forked from one layer-1 process, sharing its
// PID, user, IPC, UTS, mount and network namespaces and its uid.
#ifndef SANDTAB_SANDBOX_ZYGOTE_LOOP_H_
#define SANDTAB_SANDBOX_ZYGOTE_LOOP_H_

#include "sandbox/child_plan.h"

namespace sandtab::sandbox {

// Runs in the launched child after every layer-1 step, instead of exec:
// forks plan.zygote_children children that each exec the program (layer 2
// then comes from the program itself, e.g. the LD_PRELOAD helper), closes
// its own fds 0, 1 and 3, reaps every child and _exits with
// ZygoteExitCode(). Writes one line per child end on fd 2 (see
// ZygoteExitCode). Async-signal-safe: system calls only. Never returns.
[[noreturn]] void RunZygoteLoop(const ChildPlan& plan);

// The zygote's exit code from its children's wait statuses, in fork order:
// that of the first child that did not exit with 0 (exit code c -> c,
// death by signal s -> 128 + s, like a shell and like sandtab-exec), or 0
// when all did. With one child it is that child's status, as sandtab-exec
// reports it in a cold launch.
int ZygoteExitCode(const int* statuses, int count);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_ZYGOTE_LOOP_H_
