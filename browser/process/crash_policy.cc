#include "browser/process/crash_policy.h"

#include <algorithm>

namespace sandtab::browser {

CrashPolicy::Decision CrashPolicy::OnCrash(Clock::time_point now) {
  while (!recent_.empty() && now - recent_.front() > config_.loop_window) recent_.pop_front();
  recent_.push_back(now);
  const int count = static_cast<int>(recent_.size());
  Decision decision;
  if (count >= config_.loop_crashes) {
    decision.text = "crash loop: " + std::to_string(count) + " crashes within " +
                    std::to_string(config_.loop_window.count() / 1000) + " s; reload to retry";
    return decision;
  }
  decision.restart = true;
  if (count > 1) {
    // base, 2*base, 4*base, ... capped; shifts bounded so they cannot overflow.
    auto delay = config_.base_delay * (int64_t{1} << std::min(count - 2, 30));
    decision.delay = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(delay), config_.max_delay);
  }
  decision.text = "restart in " + std::to_string(decision.delay.count()) + " ms";
  return decision;
}

}  // namespace sandtab::browser
