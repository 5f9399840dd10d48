#ifndef SANDTAB_SANDBOX_LAUNCHER_CHILD_H_
#define SANDTAB_SANDBOX_LAUNCHER_CHILD_H_

#include "sandbox/child_plan.h"

namespace sandtab::sandbox {

// Runs in the child right after clone(): the layer-1 steps in their fixed
// order, then exec. Never returns; a failed step _exits with its code.
[[noreturn]] void RunChild(const ChildPlan& plan);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_LAUNCHER_CHILD_H_
