#include "browser/plugins/plugin_budget.h"

#include <algorithm>
#include <cstdio>

namespace sandtab::browser {
namespace {

std::string Mpx(int64_t pixels) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f Mpx", static_cast<double>(pixels) / (1 << 20));
  return text;
}

std::string MiB(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

PluginBudget::Usage PluginBudget::tab(int tab_id) const {
  auto it = tabs_.find(tab_id);
  return it == tabs_.end() ? Usage{} : it->second;
}

uint64_t PluginBudget::surface_bytes(const std::string& type) const {
  auto it = types_.find(type);
  return it == types_.end() ? 0 : static_cast<uint64_t>(it->second.pixels) * kPluginSurfaceBytesPerPixel;
}

bool PluginBudget::TakeCreation(int tab_id, Clock::time_point now) {
  const double burst = limits_.creation_burst;
  auto refill = [&](Bucket& bucket) {
    const std::chrono::duration<double> elapsed = now - bucket.last;
    bucket.tokens = std::min(burst, bucket.tokens + std::max(0.0, elapsed.count()) * limits_.creations_per_second);
    bucket.last = now;
  };
  // Forget tabs with nothing charged whose bucket is full again (closed
  // tabs among them), so the map stays as small as the set of busy tabs.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second);
    const bool idle = it->first != tab_id && it->second.tokens >= burst && !tabs_.count(it->first);
    it = idle ? buckets_.erase(it) : std::next(it);
  }
  auto [it, added] = buckets_.try_emplace(tab_id, Bucket{burst, now});
  Bucket& bucket = it->second;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

std::string PluginBudget::Charge(int tab_id, const std::string& type, int width, int height, Clock::time_point now) {
  const int64_t pixels = int64_t{std::max(width, 0)} * std::max(height, 0);
  const Usage tab = this->tab(tab_id);
  auto type_it = types_.find(type);
  const Usage process = type_it == types_.end() ? Usage{} : type_it->second;
  std::string refusal;
  if (!TakeCreation(tab_id, now)) {
    refusal = "this tab creates plugin instances too fast (at most " + std::to_string(limits_.creations_per_second) +
              " a second after " + std::to_string(limits_.creation_burst) + ")";
  } else if (tab.instances + 1 > limits_.instances_per_tab) {
    refusal = "this tab has " + std::to_string(tab.instances) + " plugin instances (at most " +
              std::to_string(limits_.instances_per_tab) + " per tab)";
  } else if (tab.pixels + pixels > limits_.pixels_per_tab) {
    refusal = "this tab's plugins would cover " + Mpx(tab.pixels + pixels) + " (at most " +
              Mpx(limits_.pixels_per_tab) + " per tab)";
  } else if (total_.pixels + pixels > limits_.pixels_total) {
    refusal = "plugins in all tabs would cover " + Mpx(total_.pixels + pixels) + " (at most " +
              Mpx(limits_.pixels_total) + " in all)";
  } else if (process.instances + 1 > limits_.instances_per_process) {
    refusal = "the " + type + " plugin process serves " + std::to_string(process.instances) + " instances (at most " +
              std::to_string(limits_.instances_per_process) + ")";
  } else if (static_cast<uint64_t>(process.pixels + pixels) * kPluginSurfaceBytesPerPixel >
             limits_.surface_bytes_per_process) {
    refusal = "the " + type + " plugin process would map " +
              MiB(static_cast<uint64_t>(process.pixels + pixels) * kPluginSurfaceBytesPerPixel) +
              " of surfaces (at most " + MiB(limits_.surface_bytes_per_process) + ")";
  }
  if (!refusal.empty()) {
    ++refused_;
    return refusal;
  }
  for (Usage* usage : {&tabs_[tab_id], &types_[type], &total_}) {
    usage->instances += 1;
    usage->pixels += pixels;
  }
  return {};
}

void PluginBudget::Release(int tab_id, const std::string& type, int width, int height) {
  const int64_t pixels = int64_t{std::max(width, 0)} * std::max(height, 0);
  auto give_back = [pixels](Usage& usage) {
    usage.instances -= 1;
    usage.pixels -= pixels;
  };
  if (auto it = tabs_.find(tab_id); it != tabs_.end()) {
    give_back(it->second);
    if (it->second.instances <= 0) tabs_.erase(it);
  }
  if (auto it = types_.find(type); it != types_.end()) {
    give_back(it->second);
    if (it->second.instances <= 0) types_.erase(it);
  }
  give_back(total_);
}

}  // namespace sandtab::browser
