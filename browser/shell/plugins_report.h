#ifndef SANDTAB_BROWSER_SHELL_PLUGINS_REPORT_H_
#define SANDTAB_BROWSER_SHELL_PLUGINS_REPORT_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "browser/plugins/plugin_budget.h"
#include "browser/plugins/plugin_instance.h"
#include "browser/plugins/plugin_relaunch_policy.h"
#include "browser/shell/report.h"

namespace sandtab::browser {

// `plugins` (DESIGN section 8): each plugin process, each instance, the
// relaunch policy of each type that died, and the budget every page is held
// to, from plain facts (report_commands.cc gathers them from the broker).
struct PluginProcessFacts {
  std::string type;
  pid_t pid = 0;
  bool alive = false;
  int instances = 0;
  uint64_t frames = 0;
  bool sandboxed = false;
  uint64_t surface_bytes = 0;
  std::map<int, int> instances_per_tab;
};

struct PluginInstanceFacts {
  uint64_t id = 0;
  int tab = 0;
  std::string type;
  PluginInstanceState state = PluginInstanceState::kStarting;
  int width = 0;
  int height = 0;
  uint64_t frames = 0;
  std::string reason;  // why it crashed or is blocked
};

struct PluginsFacts {
  std::vector<PluginProcessFacts> processes;
  std::vector<PluginInstanceFacts> instances;
  std::map<std::string, PluginRelaunchPolicy::TypeReport> relaunch;
  bool debug_params = false;
};

Report PluginsReport(const PluginsFacts& facts, const PluginBudget& budget);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_PLUGINS_REPORT_H_
