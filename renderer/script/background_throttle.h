// Chrome's rule for the timers of a hidden page (a background tab): they wake
// the page at most once per second. A wake-up runs every timer due by its
// time; a timer that falls due later waits for the next wake-up, a second
// after this one began. (requestAnimationFrame is the other half of the rule:
// a hidden page's animation frames do not run at all; EventLoop keeps them.)
#pragma once

#include <chrono>
#include <optional>

#include "renderer/script/timer_queue.h"

namespace sandtab::script {

class BackgroundThrottle {
 public:
  using Clock = TimerQueue::Clock;
  static constexpr std::chrono::seconds kWakeUpPeriod{1};

  // Hidden pages are throttled; showing one lifts the rule at once.
  void SetHidden(bool hidden);
  bool hidden() const { return hidden_; }
  // When a timer due at `due` may run: at `due` for a shown page; for a
  // hidden one at `due` if that is inside the current wake-up (due by its
  // start) or no wake-up ran yet, else a second after the last one began.
  Clock::time_point WakeFor(Clock::time_point due) const;
  // A timer ran at `now` (the page's clock). The first of a wake-up starts
  // it; the others, due by that start, belong to it.
  void OnTimerRan(Clock::time_point now);

 private:
  bool hidden_ = false;
  std::optional<Clock::time_point> wake_up_;  // the start of the last wake-up while hidden
};

}  // namespace sandtab::script
