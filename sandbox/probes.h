// Forbidden operations tried from inside the sandboxed process, so the
// browser can show measured facts (about:sandbox). None of them can kill
// the process: each uses a call the policy answers with EPERM, never one
// it kills, and each is harmless if it succeeds (no sandbox).
#ifndef SANDTAB_SANDBOX_PROBES_H_
#define SANDTAB_SANDBOX_PROBES_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace sandtab::sandbox {

struct ProbeResult {
  std::string name;     // "open /etc/passwd"
  bool denied = false;  // the sandbox refused it (EPERM, EACCES, or not visible)
  int error = 0;        // errno of the refused step, 0 if it succeeded
  std::string detail;   // "openat: Operation not permitted"
};

// |browser_pid|: the browser's pid as the browser sees it (the probe tries
// to read its /proc status and to signal it with signal 0). With
// |executable_memory_forbidden| (the renderer-jitless profile), also tries
// to make a page executable.
std::vector<ProbeResult> RunForbiddenProbes(pid_t browser_pid, bool executable_memory_forbidden = false);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_PROBES_H_
