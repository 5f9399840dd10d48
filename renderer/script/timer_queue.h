// The page's timers (setTimeout, setInterval) in due order: equal due times
// keep the order they were set in, as HTML requires and a heap would not.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <unordered_map>

namespace sandtab::script {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;

  // HTML: timers nested more than 5 deep wait at least 4 ms.
  static constexpr int kNestingForClamp = 5;
  static constexpr std::chrono::milliseconds kClampedDelay{4};

  // `nesting` is the nesting level of the task that sets the timer.
  void Add(int id, std::chrono::milliseconds delay, bool repeat, int nesting, Clock::time_point now);
  void Cancel(int id);
  std::optional<Clock::time_point> NextDue() const;
  // The first timer due at `now`, or nothing. A repeating one is set again
  // (from `now`); `*nesting` is the level its callback runs at.
  std::optional<int> TakeDue(Clock::time_point now, int* nesting);
  bool empty() const { return due_.empty(); }

 private:
  struct Timer {
    std::chrono::milliseconds delay;
    bool repeat;
    int nesting;
    std::multimap<Clock::time_point, int>::iterator position;
  };

  std::multimap<Clock::time_point, int> due_;
  std::unordered_map<int, Timer> timers_;
};

}  // namespace sandtab::script
