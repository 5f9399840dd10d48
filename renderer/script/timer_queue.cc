#include "renderer/script/timer_queue.h"

#include <algorithm>

namespace sandtab::script {

void TimerQueue::Add(int id, std::chrono::milliseconds delay, bool repeat, int nesting, Clock::time_point now) {
  Cancel(id);
  delay = std::max(delay, std::chrono::milliseconds(0));
  if (nesting > kNestingForClamp) delay = std::max(delay, kClampedDelay);
  // multimap::insert puts an equal key after the existing ones: set order.
  const auto position = due_.insert({now + delay, id});
  timers_[id] = Timer{delay, repeat, nesting + 1, position};
}

void TimerQueue::Cancel(int id) {
  const auto it = timers_.find(id);
  if (it == timers_.end()) return;
  due_.erase(it->second.position);
  timers_.erase(it);
}

std::optional<TimerQueue::Clock::time_point> TimerQueue::NextDue() const {
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

std::optional<int> TimerQueue::TakeDue(Clock::time_point now, int* nesting) {
  if (due_.empty() || due_.begin()->first > now) return std::nullopt;
  const int id = due_.begin()->second;
  due_.erase(due_.begin());
  Timer& timer = timers_.at(id);
  *nesting = timer.nesting;
  if (timer.repeat) {
    const auto delay = timer.nesting > kNestingForClamp ? std::max(timer.delay, kClampedDelay) : timer.delay;
    // From the real time, not `now`: a 0 ms interval is due again only
    // after its callback ran.
    timer.position = due_.insert({std::max(now, Clock::now()) + delay, id});
    ++timer.nesting;
  } else {
    timers_.erase(id);
  }
  return id;
}

}  // namespace sandtab::script
