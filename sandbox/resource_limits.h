// The resource limits of each profile (layer 1, step resource-limits).
#ifndef SANDTAB_SANDBOX_RESOURCE_LIMITS_H_
#define SANDTAB_SANDBOX_RESOURCE_LIMITS_H_

#include <sys/resource.h>

#include <cstdint>

#include "sandbox/profile.h"

namespace sandtab::sandbox {

// Address space: pixel buffers (8 MiB each at 1080p, two per surface),
// glibc's 64 MiB arena reservations per thread, and the fonts. Not set in
// AddressSanitizer builds: ASan reserves terabytes of shadow memory.
inline constexpr uint64_t kAddressSpaceLimit = 4ULL << 30;
// Open files: a renderer holds fds 0-3, its loop's epoll/eventfd/timerfd
// and a few buffers; a plugin holds two buffers per instance in every tab.
inline constexpr uint64_t kRendererOpenFiles = 128;
inline constexpr uint64_t kPluginOpenFiles = 512;
// Processes *and threads* of this sandbox's uid. Since Linux 5.14 the
// count is kept per user namespace, and every sandbox has its own, so this
// bounds one sandbox, not the sum over all renderers (checked by
// tests/sandbox/launcher_test.cc). Pango starts a few threads.
inline constexpr uint64_t kProcessLimit = 64;

struct ProfileLimits {
  bool set_address_space = true;
  uint64_t address_space = kAddressSpaceLimit;
  uint64_t open_files = kRendererOpenFiles;
  uint64_t processes = kProcessLimit;
  uint64_t file_size = 0;  // no file can be written, not even through an fd
  uint64_t core_size = 0;  // a crash leaves no core file behind
};

ProfileLimits LimitsFor(Profile profile);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_RESOURCE_LIMITS_H_
