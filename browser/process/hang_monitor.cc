#include "browser/process/hang_monitor.h"

#include <algorithm>

namespace sandtab::browser {
namespace {

// The grid: at most 250 ms, and at most a quarter of the timeout, so a hang
// is still declared within 1.25 timeouts of the unanswered ping.
std::chrono::steady_clock::time_point AlignUp(std::chrono::steady_clock::time_point t,
                                              std::chrono::milliseconds timeout) {
  const std::chrono::nanoseconds tick =
      std::max(std::chrono::nanoseconds(std::chrono::milliseconds(1)),
               std::min<std::chrono::nanoseconds>(std::chrono::milliseconds(250), timeout / 4));
  const auto ticks = (t.time_since_epoch() + tick - std::chrono::nanoseconds(1)) / tick;
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(tick * ticks));
}

}  // namespace

void AsioMonitorClock::WakeAt(TimePoint when, std::function<void()> wake) {
  armed_ = true;
  timer_.expires_at(when);  // cancels a wait already armed
  timer_.async_wait([this, alive = alive_.token(), wake = std::move(wake)](const boost::system::error_code& ec) {
    if (ec || !alive.Alive()) return;
    armed_ = false;
    wake();
  });
}

void AsioMonitorClock::Cancel() {
  armed_ = false;
  timer_.cancel();
}

HangMonitor::HangMonitor(std::unique_ptr<MonitorClock> clock, std::chrono::milliseconds timeout, SendPing send_ping,
                         OnHang on_hang)
    : clock_(std::move(clock)),
      timeout_(timeout),
      idle_interval_(timeout),
      send_ping_(std::move(send_ping)),
      on_hang_(std::move(on_hang)) {}

HangMonitor::~HangMonitor() { Stop(); }

void HangMonitor::Start() {
  started_ = true;
  Tick();
}

void HangMonitor::SetIdleInterval(std::chrono::milliseconds interval) {
  const bool shorter = interval < idle_interval_;
  idle_interval_ = std::max(interval, timeout_);
  if (shorter) OnWorkSent();  // re-plan the next ping on the shorter schedule
}

void HangMonitor::OnWorkSent() {
  work_since_ping_ = true;
  if (!started_ || !alive_.valid() || outstanding_ != 0) return;
  const auto due = AlignUp(sent_at_ + timeout_, timeout_);
  if (clock_->alarm() > due) WakeAt(due);
}

void HangMonitor::WakeAt(TimePoint when) {
  clock_->WakeAt(when, [this, alive = alive_.token()] {
    if (alive.Alive()) Tick();
  });
}

void HangMonitor::Stop() {
  alive_.Invalidate();
  clock_->Cancel();
}

bool HangMonitor::OnPong(uint64_t cookie) {
  if (cookie == 0 || cookie != outstanding_) return false;
  outstanding_ = 0;
  return true;
}

// One timer does both jobs: while a ping is outstanding it waits for the
// deadline; otherwise it sends the next ping when its interval is up.
void HangMonitor::Tick() {
  if (!alive_.valid()) return;
  const auto now = clock_->Now();
  if (outstanding_ != 0) {
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - sent_at_);
    if (waited >= timeout_) {
      WeakAnchor::Token alive = alive_.token();
      on_hang_(waited);
      if (!alive.Alive()) return;  // the callback stopped or destroyed us
      outstanding_ = 0;
    } else {
      WakeAt(AlignUp(sent_at_ + timeout_, timeout_));
      return;
    }
  } else if (sent_at_ != TimePoint{}) {
    const auto interval = work_since_ping_ ? timeout_ : idle_interval_;
    if (now - sent_at_ < interval) {
      WakeAt(AlignUp(sent_at_ + interval, timeout_));
      return;
    }
  }
  work_since_ping_ = false;
  outstanding_ = next_cookie_++;
  sent_at_ = now;
  send_ping_(outstanding_);
  // Deadlines land on a grid of ticks, so hundreds of monitors share their
  // timer wake-ups (one loop wake per tick, not one per child). A deadline
  // only moves later, by less than a tick: the timeout stays the minimum.
  WakeAt(AlignUp(now + timeout_, timeout_));
}

}  // namespace sandtab::browser
