#include "browser/process/process_registry.h"

#include <algorithm>
#include <tuple>

namespace sandtab::browser {

const char* ProcessRoleName(ProcessRole role) {
  switch (role) {
    case ProcessRole::kBrowser:
      return "browser";
    case ProcessRole::kZygote:
      return "zygote";
    case ProcessRole::kRenderer:
      return "renderer";
    case ProcessRole::kSpareRenderer:
      return "spare-renderer";
    case ProcessRole::kPlugin:
      return "plugin";
  }
  return "unknown";
}

ProcessRegistry::ProcessRegistry(pid_t browser_pid) {
  ProcessUse use;
  use.role = ProcessRole::kBrowser;
  use.state = [] { return std::string("running"); };
  entries_[browser_pid] = Entry{std::move(use), false, false};
}

void ProcessRegistry::Add(pid_t pid, ProcessUse use, bool sandboxed) {
  if (pid <= 0) return;
  entries_[pid] = Entry{std::move(use), sandboxed, false};
}

void ProcessRegistry::SetUse(pid_t pid, ProcessUse use) {
  auto it = entries_.find(pid);
  if (it == entries_.end() || it->second.exiting) return;
  it->second.use = std::move(use);
}

void ProcessRegistry::MarkExiting(pid_t pid) {
  auto it = entries_.find(pid);
  if (it == entries_.end()) return;
  it->second.exiting = true;
  // The owner is going away: nothing may call back into it.
  it->second.use.tab = 0;
  it->second.use.state = nullptr;
  it->second.use.site = nullptr;
}

void ProcessRegistry::Remove(pid_t pid) { entries_.erase(pid); }

std::vector<ProcessRow> ProcessRegistry::Rows() const {
  std::vector<ProcessRow> rows;
  for (const auto& [pid, entry] : entries_) {
    if (entry.exiting) continue;
    ProcessRow row;
    row.pid = pid;
    row.role = entry.use.role;
    row.type = ProcessRoleName(entry.use.role);
    if (entry.use.role == ProcessRole::kPlugin) row.type += ":" + entry.use.plugin_type;
    row.tab = entry.use.tab;
    row.site = entry.use.site ? entry.use.site() : "";
    row.state = entry.use.state ? entry.use.state() : "";
    row.sandboxed = entry.sandboxed;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ProcessRow& a, const ProcessRow& b) {
    return std::tie(a.role, a.tab, a.type, a.pid) < std::tie(b.role, b.tab, b.type, b.pid);
  });
  return rows;
}

size_t ProcessRegistry::live_children() const {
  size_t live = 0;
  for (const auto& [pid, entry] : entries_) {
    if (entry.use.role != ProcessRole::kBrowser && entry.use.role != ProcessRole::kZygote) ++live;
  }
  return live;
}

pid_t ProcessRegistry::zygote_pid() const {
  for (const auto& [pid, entry] : entries_) {
    if (entry.use.role == ProcessRole::kZygote) return pid;
  }
  return -1;
}

}  // namespace sandtab::browser
