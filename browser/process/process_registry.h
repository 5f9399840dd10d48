#ifndef SANDTAB_BROWSER_PROCESS_PROCESS_REGISTRY_H_
#define SANDTAB_BROWSER_PROCESS_PROCESS_REGISTRY_H_

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sandtab::browser {

// What a process is to the browser. The order is the order `ps` lists them in.
enum class ProcessRole { kBrowser, kZygote, kRenderer, kSpareRenderer, kPlugin };

// What a process is used for now: its role, the tab it serves, and what it
// is doing. The owner that holds the process (a tab, the spare, the plugin
// broker's host) says so; a spare that a tab takes changes use, not entry.
struct ProcessUse {
  ProcessRole role = ProcessRole::kRenderer;
  int tab = 0;                         // the tab it serves; 0: none
  std::string plugin_type;             // kPlugin: "clock", ...
  std::function<std::string()> state;  // asked when listed ("loaded", "2 instances"); null: ""
  std::function<std::string()> site;   // a renderer's site lock, asked when listed; null: ""
};

// One process as a report reads it: values, taken at the moment it was asked.
struct ProcessRow {
  pid_t pid = -1;
  ProcessRole role = ProcessRole::kRenderer;
  std::string type;  // "browser", "zygote", "renderer", "spare-renderer", "plugin:clock"
  int tab = 0;
  std::string site;  // a renderer's site lock ("http://example.com", "none", "unlocked"); others: empty
  std::string state;
  bool sandboxed = false;  // launched inside the sandbox (what /proc shows is the report's to check)
};

// Which processes exist, by pid (Ladybird's ProcessManager, Chromium's
// RenderProcessHost list): the browser itself, the zygote once it said
// Hello, and every child from the moment the browser knows its pid until it
// is reaped. Filled by the hosts (ChildProcess) and the zygote launcher;
// `ps` and `stats` read it instead of asking tabs, the spare, the plugin
// broker and the zygote each for their part. A child whose owner let it go
// (a closed tab) is `exiting`: still a live child until reaped, no longer
// listed.
class ProcessRegistry {
 public:
  explicit ProcessRegistry(pid_t browser_pid);

  // A new process; replaces an entry of the same pid (a pid the kernel
  // handed out again after its reaped owner was forgotten).
  void Add(pid_t pid, ProcessUse use, bool sandboxed);
  // Its owner changed or said what it is for (no-op for an unknown pid).
  void SetUse(pid_t pid, ProcessUse use);
  // Its owner let go of it: no tab, no state, not listed, until Remove.
  void MarkExiting(pid_t pid);
  // It was reaped.
  void Remove(pid_t pid);

  // Every process not exiting, in `ps` order: the browser, the zygote, the
  // renderers by tab, the spare, the plugins by type.
  std::vector<ProcessRow> Rows() const;
  // Children not yet reaped, exiting ones included, the zygote not (it is
  // no tab's process): `stats`' live_children.
  size_t live_children() const;
  // The zygote's pid once it said Hello; -1 without one.
  pid_t zygote_pid() const;
  size_t size() const { return entries_.size(); }
  bool contains(pid_t pid) const { return entries_.count(pid) > 0; }

 private:
  struct Entry {
    ProcessUse use;
    bool sandboxed = false;
    bool exiting = false;
  };

  std::map<pid_t, Entry> entries_;
};

const char* ProcessRoleName(ProcessRole role);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_PROCESS_REGISTRY_H_
