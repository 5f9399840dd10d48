// Layer 2 of the sandbox, engaged by the sandboxed process itself once its
// start-up is done (fonts loaded) and before it touches content.
#ifndef SANDTAB_SANDBOX_LAYER2_H_
#define SANDTAB_SANDBOX_LAYER2_H_

#include "sandbox/profile.h"

namespace sandtab::sandbox {

// Removes the filesystem view (chroot into an empty read-only directory),
// drops the last capability, installs the SIGSYS reporter and loads the
// profile's seccomp filter on every thread. Fails closed: a failing step
// _exits with its SetupExitCode(). Only valid in a process started by
// Launch() with sandboxed = true (under --no-sandbox, do not call it).
void EngageLayer2(Profile profile);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_LAYER2_H_
