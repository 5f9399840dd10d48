#include "sandbox/process_budget.h"

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox {

int TakeOwnProcessBudget(uint64_t processes) {
  // The order matters: the namespace records the caller's limit at
  // creation as the cap of the level above it (the zygote's 8192), so it
  // is created before the limit is lowered.
  if (unshare(CLONE_NEWUSER) != 0) return errno;
  if (int error = child::RestrictCapabilityBoundingSet()) return error;
  if (int error = child::KeepOnlyChrootCapability()) return error;
  struct rlimit limit = {processes, processes};
  if (setrlimit(RLIMIT_NPROC, &limit) != 0) return errno;
  return 0;
}

}  // namespace sandtab::sandbox
