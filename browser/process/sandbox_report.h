#ifndef SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_
#define SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "proto/renderer.pb.h"
#include "sandbox/inspect.h"

namespace sandtab::browser {

// Measured from outside through /proc: does `pid` sit in namespaces other
// than the browser's, under seccomp, with no-new-privs? (`ps` column.)
bool IsSandboxed(pid_t pid);
// "yes", "gone" or "NO (what is missing)"; with `sandboxed`, also whether it
// is fully sandboxed, from the same reading of /proc.
std::string SandboxSummary(pid_t pid, bool* sandboxed = nullptr);

// The facts every sandbox report shows (about:sandbox here, `sandbox ID` in
// the shell), in the order they show them.
struct SandboxNamespace {
  const char* name;  // "user", "pid", ...
  bool separate;     // not the browser's own
};
std::vector<SandboxNamespace> SandboxNamespaces(const sandbox::ProcessSandboxStatus& status);
// ("open files", "128"), ... ("unlimited" when there is none).
std::vector<std::pair<std::string, std::string>> SandboxLimits(const sandbox::ProcessSandboxStatus& status);
// "EPERM" for a probe's errno.
const char* ProbeErrnoName(int error);

// The about:sandbox page: the facts measured from outside, plus the probes
// the renderer ran inside itself just now.
std::string SandboxReportHtml(pid_t pid, const proto::SandboxReport* probes);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_
