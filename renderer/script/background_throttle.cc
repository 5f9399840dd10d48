#include "renderer/script/background_throttle.h"

#include <algorithm>

namespace sandtab::script {

void BackgroundThrottle::SetHidden(bool hidden) {
  if (hidden == hidden_) return;
  hidden_ = hidden;
  wake_up_.reset();
}

BackgroundThrottle::Clock::time_point BackgroundThrottle::WakeFor(Clock::time_point due) const {
  if (!hidden_ || !wake_up_ || due <= *wake_up_) return due;
  return std::max(due, *wake_up_ + kWakeUpPeriod);
}

void BackgroundThrottle::OnTimerRan(Clock::time_point now) {
  if (!hidden_) return;
  if (!wake_up_ || now >= *wake_up_ + kWakeUpPeriod) wake_up_ = now;
}

}  // namespace sandtab::script
