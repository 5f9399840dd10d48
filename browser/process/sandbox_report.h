#ifndef SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_
#define SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_

#include <sys/types.h>

#include <string>

#include "proto/renderer.pb.h"

namespace sandtab::browser {

// Measured from outside through /proc: does `pid` sit in namespaces other
// than the browser's, under seccomp, with no-new-privs? (`ps` column.)
bool IsSandboxed(pid_t pid);
// "yes", "gone" or "NO (what is missing)"; with `sandboxed`, also whether it
// is fully sandboxed, from the same reading of /proc.
std::string SandboxSummary(pid_t pid, bool* sandboxed = nullptr);

// The `sandbox ID` answer / about:sandbox body: the facts measured from
// outside, plus the probes the renderer ran inside itself just now.
std::string SandboxReportText(pid_t pid, const proto::SandboxReport* probes);
std::string SandboxReportJson(pid_t pid, int tab_id, const proto::SandboxReport* probes);
std::string SandboxReportHtml(pid_t pid, const proto::SandboxReport* probes);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_SANDBOX_REPORT_H_
