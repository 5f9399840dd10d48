#ifndef SANDTAB_BROWSER_PLUGINS_PLUGIN_BUDGET_H_
#define SANDTAB_BROWSER_PLUGINS_PLUGIN_BUDGET_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "sandbox/resource_limits.h"

namespace sandtab::browser {

// One plugin process of each type serves every tab (DESIGN section 1), so
// what one page may make it hold is bounded here, in the browser, before
// the instance exists: an instance over budget is refused with a "blocked"
// placeholder, and the process, which serves the other tabs, never sees it.

// Each instance has two surfaces of 4 bytes a pixel, mapped by the browser
// and by the plugin (plugin/instance_surface.cc).
inline constexpr uint64_t kPluginSurfaceBytesPerPixel = 2 * 4;
// Per tab: 32 Mpx is four 4K screens of plugin area, or two embeds of the
// largest size (4096x4096): 256 MiB of shared memory a page can pin.
inline constexpr int64_t kMaxPluginPixelsPerTab = int64_t{32} << 20;
// Per tab: a page shows a few plugins; 32 leaves one tab at most a sixth of
// what one plugin process can serve (kMaxPluginInstancesPerProcess).
inline constexpr int kMaxPluginInstancesPerTab = 32;
// Every tab together: 128 Mpx is 1 GiB of shared memory in the browser and
// in the plugin processes, whatever the number of tabs.
inline constexpr int64_t kMaxPluginPixelsTotal = int64_t{128} << 20;
// One plugin process: two buffer fds per instance within its 512 open files
// (sandbox/resource_limits.h kPluginOpenFiles), with room for its own.
inline constexpr int kMaxPluginInstancesPerProcess = 200;
// One plugin process maps every surface of its type: keep them within half
// its address-space limit, the other half for code, heap, malloc arenas,
// fonts and Cairo, so a mapping never fails and ends it for every tab.
inline constexpr uint64_t kMaxPluginSurfaceBytesPerProcess = sandbox::kAddressSpaceLimit / 2;
static_assert(static_cast<uint64_t>(kMaxPluginPixelsTotal) * kPluginSurfaceBytesPerPixel <=
                  kMaxPluginSurfaceBytesPerProcess,
              "the total pixel budget alone keeps one process within its address space");
// Creations per tab: a document may have 64 embeds (proto/limits.h), so a
// burst of 128 covers a load and a reload at once; after it, 16 a second.
// A renderer alternating params (each change destroys and creates the
// instance, two memfds and a CreateInstance each) is slowed to that.
inline constexpr int kPluginCreationBurst = 128;
inline constexpr int kPluginCreationsPerSecond = 16;

struct PluginBudgetLimits {
  int64_t pixels_per_tab = kMaxPluginPixelsPerTab;
  int instances_per_tab = kMaxPluginInstancesPerTab;
  int64_t pixels_total = kMaxPluginPixelsTotal;
  int instances_per_process = kMaxPluginInstancesPerProcess;
  uint64_t surface_bytes_per_process = kMaxPluginSurfaceBytesPerProcess;
  int creation_burst = kPluginCreationBurst;
  int creations_per_second = kPluginCreationsPerSecond;
};

// The charges of live plugin instances, per tab, per plugin type (= process)
// and in total, and each tab's rate of creations (a token bucket). Pure: the
// caller passes the time, so tests need no sleeps.
class PluginBudget {
 public:
  using Clock = std::chrono::steady_clock;
  struct Usage {
    int instances = 0;
    int64_t pixels = 0;
  };

  explicit PluginBudget(PluginBudgetLimits limits = {}) : limits_(limits) {}

  // Charges an instance of `type` of width x height to the tab. "" when it
  // fits (and is charged); otherwise why it is refused (nothing charged).
  // Every call spends one of the tab's creations, refused or not.
  std::string Charge(int tab_id, const std::string& type, int width, int height, Clock::time_point now);
  // Gives back what Charge took.
  void Release(int tab_id, const std::string& type, int width, int height);

  const PluginBudgetLimits& limits() const { return limits_; }
  Usage total() const { return total_; }
  Usage tab(int tab_id) const;
  const std::map<int, Usage>& tabs() const { return tabs_; }
  uint64_t surface_bytes(const std::string& type) const;
  uint64_t refused() const { return refused_; }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
  };
  bool TakeCreation(int tab_id, Clock::time_point now);

  PluginBudgetLimits limits_;
  std::map<int, Usage> tabs_;
  std::map<std::string, Usage> types_;
  std::map<int, Bucket> buckets_;
  Usage total_;
  uint64_t refused_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PLUGINS_PLUGIN_BUDGET_H_
