#include <errno.h>
#include <sys/resource.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {

// Soft = hard: the program can lower a limit but never raise it again.
int ApplyResourceLimits(const ChildPlan& plan) {
  for (const ResourceLimit& limit : plan.limits) {
    struct rlimit value = {limit.value, limit.value};
    if (setrlimit(static_cast<__rlimit_resource_t>(limit.resource), &value) != 0) return errno;
  }
  return 0;
}

}  // namespace sandtab::sandbox::child
