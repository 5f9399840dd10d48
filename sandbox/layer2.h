// Layer 2 of the sandbox, engaged by the sandboxed process itself once its
// start-up is done (fonts loaded) and before it touches content.
#ifndef SANDTAB_SANDBOX_LAYER2_H_
#define SANDTAB_SANDBOX_LAYER2_H_

#include "sandbox/prepared_layer2.h"
#include "sandbox/profile.h"

namespace sandtab::sandbox {

// Removes the filesystem view (chroot into an empty read-only directory),
// drops the last capability, installs the SIGSYS reporter and loads the
// profile's seccomp filter on every thread. Fails closed: a failing step
// _exits with its SetupExitCode(). Only valid in a process started by
// Launch() with sandboxed = true (under --no-sandbox, do not call it).
// Compiles the filter here, for this process's pid (libseccomp, ~1 ms):
// for a process started on its own (cold start).
void EngageLayer2(Profile profile);

// The same steps, but the filter was compiled before the fork (a zygote's
// PrepareLayer2, prepared_layer2.h): the last step only writes getpid()
// into a copy of the prepared BPF and loads it (TSYNC). A failed
// preparation fails closed at layer2-seccomp.
void EngageLayer2(const PreparedLayer2& prepared);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_LAYER2_H_
