// The shell's `plugins`: each plugin process, each instance, the relaunch
// policy of each type that died, and the budget every page is held to.
#include <map>
#include <string>

#include "browser/common/browser_config.h"
#include "browser/loader/resource_loader.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_reaper.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab_manager.h"
#include "browser/common/trace_recorder.h"
#include "browser/common/json_writer.h"
#include "browser/process/sandbox_report.h"
#include "browser/shell/shell_commands.h"

namespace sandtab::browser {
namespace {

std::string Pad(std::string text, size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  text.resize(width, ' ');
  return text;
}

void WriteProcesses(const PluginBroker& plugins, JsonWriter& json, std::string& text) {
  json.BeginArray("plugins");
  text += Pad("TYPE", 8) + Pad("PID", 8) + Pad("INSTANCES", 10) + Pad("FRAMES", 9) + Pad("STATE", 9) + "PER TAB";
  for (const auto& [type, host] : plugins.hosts()) {
    std::map<int, int> per_tab;
    for (const auto& [id, instance] : host->instances()) ++per_tab[instance->tab_id];
    const char* state = host->alive() ? "running" : "gone";
    json.BeginObject()
        .Field("type", type)
        .Field("pid", static_cast<int64_t>(host->pid()))
        .Field("instances", static_cast<int>(host->instances().size()))
        .Field("frames", host->frames())
        .Field("state", state)
        .Field("sandboxed", IsSandboxed(host->pid()))
        .Field("surface_bytes", plugins.budget().surface_bytes(type));
    json.BeginObject("instances_per_tab");
    std::string tabs_text;
    for (const auto& [tab, count] : per_tab) {
      json.Field(std::to_string(tab), count);
      tabs_text += "tab " + std::to_string(tab) + ":" + std::to_string(count) + " ";
    }
    json.EndObject().EndObject();
    text += '\n';
    text += Pad(type, 8) + Pad(std::to_string(host->pid()), 8) + Pad(std::to_string(host->instances().size()), 10) +
            Pad(std::to_string(host->frames()), 9) + Pad(state, 9) + tabs_text;
  }
  json.EndArray();
}

void WriteInstances(const PluginBroker& plugins, JsonWriter& json, std::string& text) {
  json.BeginArray("instances");
  for (const auto& [id, instance] : plugins.instances()) {
    json.BeginObject()
        .Field("id", id)
        .Field("tab", instance->tab_id)
        .Field("type", instance->type)
        .Field("state", PluginInstanceStateName(instance->state))
        .Field("width", instance->rect.width())
        .Field("height", instance->rect.height())
        .Field("frames", instance->sink ? instance->sink->frames_presented() : uint64_t{0})
        .Field("reason", instance->crash_reason)
        .EndObject();
    if (instance->state == PluginInstanceState::kBlocked) {
      text += "\ninstance " + std::to_string(id) + " (tab " + std::to_string(instance->tab_id) + ", " +
              instance->type + ") blocked: " + instance->crash_reason;
    }
  }
  json.EndArray();
}

void WriteRelaunch(PluginBroker& plugins, JsonWriter& json, std::string& text) {
  json.BeginArray("relaunch");
  for (const auto& [type, row] : plugins.relaunch_policy().Report(PluginRelaunchPolicy::Clock::now())) {
    const char* state = PluginRelaunchPolicy::StateName(row.state);
    json.BeginObject()
        .Field("type", type)
        .Field("state", state)
        .Field("recent_crashes", row.recent_crashes)
        .Field("deaths", row.deaths)
        .Field("decision", row.decision)
        .EndObject();
    text += "\n" + type + " relaunch: " + state + " (" + std::to_string(row.recent_crashes) + " recent crashes, " +
            std::to_string(row.deaths) + " deaths): " + row.decision;
  }
  json.EndArray();
}

void WriteBudget(const PluginBudget& budget, JsonWriter& json, std::string& text) {
  const PluginBudgetLimits& limits = budget.limits();
  json.BeginObject("budget")
      .Field("instances", budget.total().instances)
      .Field("pixels", budget.total().pixels)
      .Field("surface_bytes", static_cast<uint64_t>(budget.total().pixels) * kPluginSurfaceBytesPerPixel)
      .Field("refused", budget.refused());
  json.BeginObject("tabs");
  for (const auto& [tab, usage] : budget.tabs()) {
    json.BeginObject(std::to_string(tab)).Field("instances", usage.instances).Field("pixels", usage.pixels).EndObject();
  }
  json.EndObject();
  json.BeginObject("limits")
      .Field("pixels_per_tab", limits.pixels_per_tab)
      .Field("instances_per_tab", limits.instances_per_tab)
      .Field("pixels_total", limits.pixels_total)
      .Field("instances_per_process", limits.instances_per_process)
      .Field("surface_bytes_per_process", limits.surface_bytes_per_process)
      .Field("creation_burst", limits.creation_burst)
      .Field("creations_per_second", limits.creations_per_second)
      .EndObject();
  json.EndObject();
  text += "\nbudget: " + std::to_string(budget.total().instances) + " instances, " +
          std::to_string(budget.total().pixels >> 20) + " of " + std::to_string(limits.pixels_total >> 20) +
          " Mpx (" + std::to_string(limits.pixels_per_tab >> 20) + " Mpx and " +
          std::to_string(limits.instances_per_tab) + " instances per tab), " + std::to_string(budget.refused()) +
          " refused";
}

}  // namespace

void ShellCommands::Plugins(const Args&, Reply reply) {
  PluginBroker& plugins = services_.plugins;
  JsonWriter json;
  std::string text;
  json.BeginObject();
  WriteProcesses(plugins, json, text);
  WriteInstances(plugins, json, text);
  WriteRelaunch(plugins, json, text);
  WriteBudget(plugins.budget(), json, text);
  json.Field("debug_params", services_.config.enable_plugin_debug);
  json.EndObject();
  CommandAnswer answer;
  answer.text = std::move(text);
  answer.json = json.text();
  reply(std::move(answer));
}

}  // namespace sandtab::browser
