#ifndef SANDTAB_BROWSER_SHELL_PROCESS_REPORTS_H_
#define SANDTAB_BROWSER_SHELL_PROCESS_REPORTS_H_

#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "browser/loader/resource_loader.h"
#include "browser/process/process_stats.h"
#include "browser/shell/report.h"
#include "proto/death_record.pb.h"
#include "proto/renderer.pb.h"
#include "sandbox/inspect.h"

namespace sandtab::browser {

// The reports about tabs and processes (DESIGN sections 8 and 12), each
// built from plain facts that report_commands.cc gathers from the browser,
// so each can be checked from a fixture.

// One death record: {"pid", "type", "plugin_type", "cause", "description",
// ..., "tabs": [ids]}.
ReportValue DeathValue(const proto::DeathRecord& record);

// `tabs`: what a tab shows the user and what it holds.
struct TabFacts {
  int id = 0;
  pid_t pid = -1;
  std::string state;
  std::string site;  // the renderer's site lock (SiteLock::ToString)
  std::string url;
  std::string title;
  int crashes = 0;
  int scroll_y = 0;
  uint64_t frames = 0;
  bool surface_released = false;
  uint64_t history_entries = 0;
  uint64_t history_bytes = 0;
  std::string document_error;
  std::optional<proto::DeathRecord> last_death;
};
Report TabsReport(const std::vector<TabFacts>& tabs);

// `ps`: a process as the loop knows it, and what /proc said about it.
struct PsProcess {
  pid_t pid = 0;
  std::string type;  // browser, zygote, renderer, spare-renderer, plugin:TYPE
  int tab = 0;       // 0: not a tab's
  std::string state;
  std::string site;  // a renderer's site lock; others: empty
  ProcessUsage usage;
  bool sandboxed = false;
  std::string sandbox_summary;  // "yes", "NO (...)", "no (trusted)", ...
};
Report PsReport(const std::vector<PsProcess>& processes);

// One bound a child could push against (DESIGN section 12): its named
// value and what is used now, summed over tabs with the largest tab's share
// when the bound is per tab.
struct BudgetUse {
  std::string name;
  uint64_t used = 0;
  uint64_t largest_tab = 0;
  uint64_t bound = 0;
  std::string scope;  // "per tab", "per channel", "per field", ...
  bool per_tab = false;
};

// `stats`: what the loop knows, and what /proc says (a walk of every process
// for zombies, a readlink per fd).
struct StatsFacts {
  int tabs = 0;
  size_t shared_bytes = 0;
  uint64_t frames = 0;
  int live = 0;
  pid_t zygote_pid = -1;
  bool spare = false;
  pid_t spare_pid = -1;
  std::string spare_state = "off";
  uint64_t spares_taken = 0;
  uint64_t deaths = 0;
  uint64_t decisions = 0;
  std::vector<BudgetUse> budgets;
  // From /proc.
  FdCounts fds;
  int zombies = 0;
  int dev_shm = 0;
  int sysv = 0;
};
Report StatsReport(const StatsFacts& facts);

// `deaths`: every death record, oldest first.
Report DeathsReport(const std::deque<proto::DeathRecord>& deaths);

// `broker [N]`: the last `count` decisions of the resource loader.
Report BrokerReport(const std::deque<BrokerLogEntry>& log, size_t count);

// `sandbox ID`: the renderer's sandbox measured from outside (`status`, one
// reading of /proc) and the probes it ran inside itself just now (null when
// it did not answer).
Report SandboxStateReport(int tab_id, const sandbox::ProcessSandboxStatus& status, const proto::SandboxReport* probes);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_PROCESS_REPORTS_H_
