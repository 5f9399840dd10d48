// A renderer's death to the tab's restored frame, and the animated clock
// plugin's frame latency and rate with 1, 10 and 32 instances (the most one
// tab may have, browser::kMaxPluginInstancesPerTab; 50 before issue 19).
#include <map>

#include "bench/e2e_driver.h"
#include "browser/plugins/plugin_budget.h"

namespace sandtab::bench {

// SIGKILL of the renderer -> the new renderer ready (handshake done) and ->
// its first painted frame, for each way of starting renderers. With a spare
// renderer each crash comes 0.25 s after the spare is ready again (a new one
// starts 0.1 s after one is taken): crashes further apart than that.
std::vector<Row> RunCrashRows(const E2eOptions& options) {
  std::vector<Row> rows;
  for (const LaunchVariant& variant : LaunchVariants()) {
    const int count = options.Count(variant.settings.spare_renderer ? 40 : 150, 3);
    Row row{std::string("crash/") + variant.name};
    Samples ready, restored, floor;
    BrowserDriver::Settings settings = variant.settings;
    settings.restart_forever = true;
    BrowserDriver driver(options, settings);
    if (!driver.WaitZygoteReady(10)) row.error = "the zygote did not say hello within 10 s";
    browser::Tab* tab = row.error.empty() ? driver.Open("simple.html", &row.error) : nullptr;
    if (tab && !driver.WaitPainted(tab, 10)) row.error = "simple.html not painted within 10 s";
    for (int i = 0; i < count && row.error.empty(); ++i) {
      if (!driver.WaitSpareReady(10)) {
        row.error = "the spare renderer was not ready within 10 s";
        break;
      }
      AddFloorSample(options, &floor);
      const pid_t old_pid = tab->pid();
      const auto start = Clock::now();
      tab->KillRenderer();
      // The restart sets `launching`; the handshake moves it on to `loading`.
      const bool is_ready = driver.RunUntil(
          [&] {
            return tab->pid() > 0 && tab->pid() != old_pid && tab->state() != browser::TabState::kLaunching &&
                   tab->state() != browser::TabState::kCrashed;
          },
          10);
      const double ready_micros = MicrosSince(start);
      const bool is_restored =
          is_ready && driver.RunUntil([&] { return tab->pid() > 0 && tab->pid() != old_pid && tab->painted(); }, 10);
      const double micros = MicrosSince(start);
      if (!is_restored) {
        row.error = "not restored within 10 s after crash " + std::to_string(i + 1) + " (state " +
                    browser::TabStateName(tab->state()) + ", " + tab->restart_decision() + ")";
        break;
      }
      ready.Add(ready_micros);
      restored.Add(micros);
    }
    row.SetSamples("", restored);
    row.SetSamples("ready_", ready);
    row.SetSamples("floor_", floor);
    rows.push_back(row);
  }
  return rows;
}

std::vector<Row> RunPluginRows(const E2eOptions& options) {
  const double window_seconds = options.smoke ? 0.2 : 2.0;
  std::vector<Row> rows;
  BrowserDriver driver(options, {.sandbox = true});
  for (int instances : {1, 10, browser::kMaxPluginInstancesPerTab}) {
    Row row{"plugin/clock/" + std::to_string(instances)};
    const std::string page = "clocks-" + std::to_string(instances) + ".html";
    browser::Tab* tab = driver.Open(page, &row.error);
    if (!tab) {
      rows.push_back(row);
      continue;
    }
    if (!driver.WaitPainted(tab, 20)) row.error = page + " not painted within 20 s";
    auto& broker = driver.browser().plugins();
    std::vector<browser::PluginInstance*> embedded = broker.InstancesOfTab(tab->id());
    if (row.error.empty() && static_cast<int>(embedded.size()) != instances) {
      row.error = page + ": " + std::to_string(embedded.size()) + " instances, expected " + std::to_string(instances);
    }
    browser::PluginHost* host = broker.HostForType("clock");
    if (row.error.empty() && !host) row.error = "no clock plugin process";
    if (row.error.empty()) {
      // Settle (every instance animating), then count over a fixed window;
      // a latency sample for every frame that reached an instance's surface.
      driver.RunUntil([] { return false; }, options.smoke ? 0.05 : 0.3);
      std::map<browser::PluginInstance*, uint64_t> seen;
      for (auto* instance : embedded) seen[instance] = instance->sink ? instance->sink->frames_presented() : 0;
      Samples latency;
      const uint64_t frames_before = host->frames();
      const auto start = Clock::now();
      const auto end =
          start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(window_seconds));
      driver.RunUntil(
          [&] {
            for (auto& [instance, frames] : seen) {
              if (!instance->sink || instance->sink->frames_presented() == frames) continue;
              frames = instance->sink->frames_presented();
              if (instance->last_latency_us >= 0) latency.Add(static_cast<double>(instance->last_latency_us));
            }
            return Clock::now() >= end;
          },
          window_seconds + 1);
      const double seconds = MicrosSince(start) / 1e6;
      const double frames = static_cast<double>(host->frames() - frames_before);
      row.SetSamples("latency_", latency);
      row.Set("frames_per_s", frames / seconds);
      row.Set("fps_per_instance", frames / seconds / instances);
      row.Set("instances", instances);
      if (frames == 0) row.error = "no plugin frames in the window";
    }
    driver.CloseAndReap(tab);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace sandtab::bench
