#include "browser/plugins/plugin_relaunch_policy.h"

namespace sandtab::browser {

const char* PluginRelaunchPolicy::StateName(State state) {
  switch (state) {
    case State::kReady:
      return "ready";
    case State::kBackoff:
      return "backoff";
    case State::kCrashLoop:
      return "crash_loop";
  }
  return "unknown";
}

PluginRelaunchPolicy::Entry& PluginRelaunchPolicy::EntryFor(const std::string& type) {
  auto it = entries_.find(type);
  if (it == entries_.end()) it = entries_.emplace(type, Entry(config_)).first;
  return it->second;
}

std::string PluginRelaunchPolicy::OnDeath(const std::string& type, Clock::time_point now) {
  Entry& entry = EntryFor(type);
  CrashPolicy::Decision decision = entry.crashes.OnCrash(now);
  ++entry.deaths;
  entry.last_death = now;
  entry.looping = !decision.restart;
  entry.not_before = now + decision.delay;
  if (entry.looping) {
    entry.decision = decision.text + " (a tab using it) or a page asking after " +
                     std::to_string(config_.loop_window.count() / 1000) + " s";
  } else if (decision.delay.count() == 0) {
    entry.decision = "relaunches at once for the next page that asks";
  } else {
    entry.decision = "relaunches for the next page that asks, after " + std::to_string(decision.delay.count()) + " ms";
  }
  return entry.decision;
}

PluginRelaunchPolicy::Gate PluginRelaunchPolicy::Check(const std::string& type, Clock::time_point now) {
  auto it = entries_.find(type);
  if (it == entries_.end()) return {};
  Entry& entry = it->second;
  if (entry.looping) {
    // A crash loop ends once its crashes are older than the window: the
    // policy has forgotten them by the next death.
    if (now - entry.last_death <= config_.loop_window) {
      return {State::kCrashLoop, {}, "the " + type + " plugin is in a " + entry.decision};
    }
    entry.looping = false;
  }
  if (now < entry.not_before) {
    return {State::kBackoff, entry.not_before, "the " + type + " plugin " + entry.decision};
  }
  return {};
}

void PluginRelaunchPolicy::Reset(const std::string& type) {
  auto it = entries_.find(type);
  if (it == entries_.end()) return;
  it->second.crashes.Reset();
  it->second.looping = false;
  it->second.not_before = {};
}

std::map<std::string, PluginRelaunchPolicy::TypeReport> PluginRelaunchPolicy::Report(Clock::time_point now) {
  std::map<std::string, TypeReport> report;
  for (auto& [type, entry] : entries_) {
    TypeReport& row = report[type];
    row.state = Check(type, now).state;
    row.recent_crashes = entry.crashes.recent_crashes();
    row.deaths = entry.deaths;
    row.decision = entry.decision;
  }
  return report;
}

}  // namespace sandtab::browser
