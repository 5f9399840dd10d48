#include "sandbox/resource_limits.h"

namespace sandtab::sandbox {

ProfileLimits LimitsFor(Profile profile) {
  ProfileLimits limits;
#if defined(__SANITIZE_ADDRESS__)
  limits.set_address_space = false;  // ASan's shadow memory needs terabytes
#endif
  limits.open_files = profile == Profile::kPlugin ? kPluginOpenFiles : kRendererOpenFiles;
  return limits;
}

}  // namespace sandtab::sandbox
