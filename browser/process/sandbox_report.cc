#include "browser/process/sandbox_report.h"

#include <cstring>
#include <optional>
#include <vector>

#include "browser/common/html_escape.h"
#include "sandbox/inspect.h"

namespace sandtab::browser {
namespace {

using sandbox::InspectProcess;
using sandbox::ProcessSandboxStatus;

std::string LimitText(const std::optional<uint64_t>& limit) { return limit ? std::to_string(*limit) : "unlimited"; }

}  // namespace

std::vector<SandboxNamespace> SandboxNamespaces(const ProcessSandboxStatus& s) {
  return {{"user", s.user_ns}, {"pid", s.pid_ns}, {"net", s.net_ns},
          {"ipc", s.ipc_ns},   {"uts", s.uts_ns}, {"mnt", s.mnt_ns}};
}

std::vector<std::pair<std::string, std::string>> SandboxLimits(const ProcessSandboxStatus& s) {
  return {{"address space (bytes)", LimitText(s.address_space)},
          {"open files", LimitText(s.open_files)},
          {"processes", LimitText(s.processes)},
          {"file size (bytes)", LimitText(s.file_size)},
          {"core size (bytes)", LimitText(s.core_size)}};
}

const char* ProbeErrnoName(int error) {
  const char* name = strerrorname_np(error);
  return name ? name : "?";
}

bool IsSandboxed(pid_t pid) { return InspectProcess(pid).FullySandboxed(); }

std::string SandboxSummary(pid_t pid, bool* sandboxed) {
  ProcessSandboxStatus status = InspectProcess(pid);
  if (sandboxed) *sandboxed = status.FullySandboxed();
  if (!status.error.empty()) return "gone";
  return status.FullySandboxed() ? "yes" : "NO (" + status.ToString() + ")";
}

std::string SandboxReportHtml(pid_t pid, const proto::SandboxReport* probes) {
  ProcessSandboxStatus status = InspectProcess(pid);
  const bool sandboxed = status.FullySandboxed();
  std::string html =
      "<!DOCTYPE html><html><head><title>about:sandbox</title><style>"
      "body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;margin-bottom:12px}"
      "td,th{border:1px solid #999;padding:2px 8px}th{background:#e8eef7}"
      ".ok{background:#c8f0c8}.bad{background:#f8c0c0}</style></head><body><h1>Sandbox status</h1>"
      "<p class=\"" +
      std::string(sandboxed ? "ok" : "bad") + "\">This renderer (pid " + std::to_string(pid) +
      " as the browser sees it) is <b>" + (sandboxed ? "sandboxed" : "NOT fully sandboxed") +
      "</b>, measured by the browser from /proc.</p><table><tr><th>namespace</th><th>vs browser</th></tr>";
  for (const auto& ns : SandboxNamespaces(status)) {
    html += std::string("<tr><td>") + ns.name + "</td><td class=\"" + (ns.separate ? "ok\">own" : "bad\">shared") +
            "</td></tr>";
  }
  html += "</table><table><tr><th>fact</th><th>value</th></tr><tr><td>Seccomp</td><td>" +
          std::to_string(status.seccomp_mode) + "</td></tr><tr><td>NoNewPrivs</td><td>" +
          (status.no_new_privs ? "1" : "0") + "</td></tr><tr><td>open fds</td><td>" + std::to_string(status.open_fds) +
          "</td></tr>";
  for (const auto& [name, value] : SandboxLimits(status))
    html += "<tr><td>limit: " + name + "</td><td>" + value + "</td></tr>";
  html +=
      "</table><h2>Forbidden operations, tried inside this renderer</h2><table>"
      "<tr><th>operation</th><th>result</th><th>errno</th></tr>";
  if (probes) {
    for (const auto& probe : probes->probes()) {
      html += "<tr><td>" + HtmlEscape(probe.name()) + "</td><td class=\"" +
              (probe.denied() ? "ok\">denied" : "bad\">ALLOWED") + "</td><td>" +
              (probe.error_number() ? ProbeErrnoName(probe.error_number()) : "") + "</td></tr>";
    }
  }
  return html + "</table></body></html>";
}

}  // namespace sandtab::browser
