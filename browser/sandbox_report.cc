#include "browser/sandbox_report.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "browser/json_writer.h"

namespace sandtab::browser {
namespace {

struct NamespaceFact {
  std::string name;
  bool separate = false;
};

struct OutsideFacts {
  bool exists = false;
  std::vector<NamespaceFact> namespaces;
  std::string seccomp = "?";       // "2" = filter mode
  std::string no_new_privs = "?";  // "1" = set
  int open_fds = -1;
  std::vector<std::string> limits;  // "Max address space  1073741824 ..."
};

std::string StatusField(const std::string& status, const std::string& name) {
  auto at = status.find("\n" + name + ":");
  if (at == std::string::npos) return "?";
  at += name.size() + 2;
  auto end = status.find('\n', at);
  std::string value = status.substr(at, end - at);
  value.erase(0, value.find_first_not_of(" \t"));
  return value;
}

OutsideFacts Inspect(pid_t pid) {
  OutsideFacts facts;
  const std::string proc = "/proc/" + std::to_string(pid);
  std::ifstream status_file(proc + "/status");
  if (!status_file) return facts;
  facts.exists = true;
  std::stringstream status;
  status << "\n" << status_file.rdbuf();
  facts.seccomp = StatusField(status.str(), "Seccomp");
  facts.no_new_privs = StatusField(status.str(), "NoNewPrivs");
  for (const char* ns : {"user", "pid", "net", "ipc", "uts", "mnt"}) {
    struct stat theirs, ours;
    bool separate = ::stat((proc + "/ns/" + ns).c_str(), &theirs) == 0 &&
                    ::stat((std::string("/proc/self/ns/") + ns).c_str(), &ours) == 0 &&
                    theirs.st_ino != ours.st_ino;
    facts.namespaces.push_back({ns, separate});
  }
  if (DIR* dir = ::opendir((proc + "/fd").c_str())) {
    facts.open_fds = 0;
    while (dirent* entry = ::readdir(dir)) facts.open_fds += entry->d_name[0] != '.';
    ::closedir(dir);
  }
  std::ifstream limits(proc + "/limits");
  for (std::string line; std::getline(limits, line);) {
    for (const char* name : {"Max address space", "Max open files", "Max processes", "Max file size", "Max core file size"}) {
      if (line.rfind(name, 0) == 0) facts.limits.push_back(line);
    }
  }
  return facts;
}

bool FullySandboxed(const OutsideFacts& facts) {
  if (!facts.exists || facts.seccomp != "2" || facts.no_new_privs != "1") return false;
  for (const auto& ns : facts.namespaces) {
    if (!ns.separate) return false;
  }
  return true;
}

std::string NamespaceText(const OutsideFacts& facts) {
  std::string text;
  for (const auto& ns : facts.namespaces) text += ns.name + (ns.separate ? ":own " : ":SHARED ");
  return text;
}

const char* ErrnoName(int error) {
  const char* name = strerrorname_np(error);
  return name ? name : "?";
}

}  // namespace

bool IsSandboxed(pid_t pid) { return FullySandboxed(Inspect(pid)); }

std::string SandboxSummary(pid_t pid) {
  OutsideFacts facts = Inspect(pid);
  if (!facts.exists) return "gone";
  if (FullySandboxed(facts)) return "yes";
  return std::string("NO (seccomp=") + facts.seccomp + ", nnp=" + facts.no_new_privs + ")";
}

std::string SandboxReportText(pid_t pid, const proto::SandboxReport* probes) {
  OutsideFacts facts = Inspect(pid);
  if (!facts.exists) return "renderer " + std::to_string(pid) + " is gone";
  std::string text = "renderer pid " + std::to_string(pid) + ": " +
                     (FullySandboxed(facts) ? "sandboxed" : "NOT fully sandboxed") +
                     "\n  namespaces vs browser: " + NamespaceText(facts) + "\n  Seccomp: " + facts.seccomp +
                     " (2 = filter)   NoNewPrivs: " + facts.no_new_privs + "   open fds: " +
                     std::to_string(facts.open_fds);
  for (const auto& limit : facts.limits) text += "\n  " + limit;
  if (!probes) return text + "\n  probes: the renderer did not answer";
  text += "\n  forbidden operations tried inside the renderer just now (layer 2 " +
          std::string(probes->layer2_engaged() ? "engaged" : "NOT engaged") + "):";
  for (const auto& probe : probes->probes()) {
    text += "\n    " + probe.name() + ": " + (probe.denied() ? "denied" : "ALLOWED") +
            (probe.error_number() ? std::string(" (") + ErrnoName(probe.error_number()) + ")" : "") +
            (probe.detail().empty() ? "" : " " + probe.detail());
  }
  return text;
}

std::string SandboxReportJson(pid_t pid, int tab_id, const proto::SandboxReport* probes) {
  OutsideFacts facts = Inspect(pid);
  JsonWriter json;
  json.BeginObject()
      .Field("id", tab_id)
      .Field("pid", static_cast<int64_t>(pid))
      .Field("sandboxed", FullySandboxed(facts))
      .Field("seccomp", facts.seccomp)
      .Field("no_new_privs", facts.no_new_privs)
      .Field("open_fds", facts.open_fds);
  json.BeginObject("namespaces");
  for (const auto& ns : facts.namespaces) json.Field(ns.name, ns.separate ? "own" : "shared");
  json.EndObject().BeginArray("limits");
  for (const auto& limit : facts.limits) json.Field("", limit);
  json.EndArray();
  json.Field("layer2_engaged", probes && probes->layer2_engaged()).BeginArray("probes");
  if (probes) {
    for (const auto& probe : probes->probes()) {
      json.BeginObject()
          .Field("name", probe.name())
          .Field("denied", probe.denied())
          .Field("errno", probe.error_number() ? ErrnoName(probe.error_number()) : "")
          .Field("detail", probe.detail())
          .EndObject();
    }
  }
  json.EndArray().EndObject();
  return json.text();
}

std::string SandboxReportHtml(pid_t pid, const proto::SandboxReport* probes) {
  OutsideFacts facts = Inspect(pid);
  const bool sandboxed = FullySandboxed(facts);
  std::string html =
      "<!DOCTYPE html><html><head><title>about:sandbox</title><style>"
      "body{font-family:sans-serif;margin:32px}table{border-collapse:collapse;margin-bottom:16px}"
      "td,th{border:1px solid #999;padding:3px 8px}th{background:#e8eef7}"
      ".ok{background:#c8f0c8}.bad{background:#f8c0c0}</style></head><body>"
      "<h1>Sandbox status</h1><p class=\"" + std::string(sandboxed ? "ok" : "bad") + "\">Renderer pid " +
      std::to_string(pid) + ": <b>" + (sandboxed ? "sandboxed" : "NOT fully sandboxed") +
      "</b> (measured by the browser from /proc)</p><table><tr><th>namespace</th><th>vs browser</th></tr>";
  for (const auto& ns : facts.namespaces) {
    html += "<tr><td>" + ns.name + "</td><td class=\"" + (ns.separate ? "ok\">own" : "bad\">shared") + "</td></tr>";
  }
  html += "</table><table><tr><th>fact</th><th>value</th></tr><tr><td>Seccomp</td><td>" + facts.seccomp +
          "</td></tr><tr><td>NoNewPrivs</td><td>" + facts.no_new_privs + "</td></tr><tr><td>open fds</td><td>" +
          std::to_string(facts.open_fds) + "</td></tr>";
  for (const auto& limit : facts.limits) html += "<tr><td colspan=2>" + limit + "</td></tr>";
  html += "</table><h2>Forbidden operations, tried inside the renderer</h2><table>"
          "<tr><th>operation</th><th>result</th><th>errno</th></tr>";
  if (probes) {
    for (const auto& probe : probes->probes()) {
      html += "<tr><td>" + probe.name() + "</td><td class=\"" + (probe.denied() ? "ok\">denied" : "bad\">ALLOWED") +
              "</td><td>" + (probe.error_number() ? ErrnoName(probe.error_number()) : "") + "</td></tr>";
    }
  }
  return html + "</table></body></html>";
}

}  // namespace sandtab::browser
