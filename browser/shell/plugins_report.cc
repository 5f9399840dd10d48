#include "browser/shell/plugins_report.h"

namespace sandtab::browser {
namespace {

void AddProcesses(const std::vector<PluginProcessFacts>& processes, Report& report) {
  ReportTable& table = report.AddTable("plugins", {{"TYPE", 8, "type"},
                                                   {"PID", 8, "pid"},
                                                   {"INSTANCES", 10, "instances"},
                                                   {"FRAMES", 9, "frames"},
                                                   {"STATE", 9, "state"},
                                                   {"PER TAB", 0, "instances_per_tab"}});
  for (const PluginProcessFacts& process : processes) {
    ReportValue per_tab = ReportValue::Object();
    std::string per_tab_text;
    for (const auto& [tab, count] : process.instances_per_tab) {
      per_tab.Set(std::to_string(tab), count);
      per_tab_text += "tab " + std::to_string(tab) + ":" + std::to_string(count) + " ";
    }
    table.AddRow(ReportValue::Object()
                     .Set("type", process.type)
                     .Set("pid", static_cast<int64_t>(process.pid))
                     .Set("instances", process.instances)
                     .Set("frames", process.frames)
                     .Set("state", process.alive ? "running" : "gone")
                     .Set("sandboxed", process.sandboxed)
                     .Set("surface_bytes", process.surface_bytes)
                     .Set("instances_per_tab", std::move(per_tab).Shown(per_tab_text)));
  }
}

void AddInstances(const std::vector<PluginInstanceFacts>& instances, Report& report) {
  ReportValue list = ReportValue::Array();
  for (const PluginInstanceFacts& instance : instances) {
    list.Append(ReportValue::Object()
                    .Set("id", instance.id)
                    .Set("tab", instance.tab)
                    .Set("type", instance.type)
                    .Set("state", PluginInstanceStateName(instance.state))
                    .Set("width", instance.width)
                    .Set("height", instance.height)
                    .Set("frames", instance.frames)
                    .Set("reason", instance.reason));
    if (instance.state == PluginInstanceState::kBlocked) {
      report.AddLine("instance " + std::to_string(instance.id) + " (tab " + std::to_string(instance.tab) + ", " +
                     instance.type + ") blocked: " + instance.reason);
    }
  }
  report.Set("instances", std::move(list));
}

void AddRelaunch(const std::map<std::string, PluginRelaunchPolicy::TypeReport>& relaunch, Report& report) {
  ReportValue list = ReportValue::Array();
  for (const auto& [type, row] : relaunch) {
    const char* state = PluginRelaunchPolicy::StateName(row.state);
    list.Append(ReportValue::Object()
                    .Set("type", type)
                    .Set("state", state)
                    .Set("recent_crashes", row.recent_crashes)
                    .Set("deaths", row.deaths)
                    .Set("decision", row.decision));
    report.AddLine(type + " relaunch: " + state + " (" + std::to_string(row.recent_crashes) + " recent crashes, " +
                   std::to_string(row.deaths) + " deaths): " + row.decision);
  }
  report.Set("relaunch", std::move(list));
}

void AddBudget(const PluginBudget& budget, Report& report) {
  const PluginBudgetLimits& limits = budget.limits();
  ReportValue tabs = ReportValue::Object();
  for (const auto& [tab, usage] : budget.tabs()) {
    tabs.Set(std::to_string(tab), ReportValue::Object().Set("instances", usage.instances).Set("pixels", usage.pixels));
  }
  report.Set("budget",
             ReportValue::Object()
                 .Set("instances", budget.total().instances)
                 .Set("pixels", budget.total().pixels)
                 .Set("surface_bytes", static_cast<uint64_t>(budget.total().pixels) * kPluginSurfaceBytesPerPixel)
                 .Set("refused", budget.refused())
                 .Set("tabs", std::move(tabs))
                 .Set("limits", ReportValue::Object()
                                    .Set("pixels_per_tab", limits.pixels_per_tab)
                                    .Set("instances_per_tab", limits.instances_per_tab)
                                    .Set("pixels_total", limits.pixels_total)
                                    .Set("instances_per_process", limits.instances_per_process)
                                    .Set("surface_bytes_per_process", limits.surface_bytes_per_process)
                                    .Set("creation_burst", limits.creation_burst)
                                    .Set("creations_per_second", limits.creations_per_second)));
  report.AddLine("budget: " + std::to_string(budget.total().instances) + " instances, " +
                 std::to_string(budget.total().pixels >> 20) + " of " + std::to_string(limits.pixels_total >> 20) +
                 " Mpx (" + std::to_string(limits.pixels_per_tab >> 20) + " Mpx and " +
                 std::to_string(limits.instances_per_tab) + " instances per tab), " + std::to_string(budget.refused()) +
                 " refused");
}

}  // namespace

Report PluginsReport(const PluginsFacts& facts, const PluginBudget& budget) {
  Report report;
  AddProcesses(facts.processes, report);
  AddInstances(facts.instances, report);
  AddRelaunch(facts.relaunch, report);
  AddBudget(budget, report);
  report.Set("debug_params", facts.debug_params);
  return report;
}

}  // namespace sandtab::browser
