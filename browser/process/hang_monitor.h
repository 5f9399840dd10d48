#ifndef SANDTAB_BROWSER_PROCESS_HANG_MONITOR_H_
#define SANDTAB_BROWSER_PROCESS_HANG_MONITOR_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>

#include "base/weak_anchor.h"

namespace sandtab::browser {

// A HangMonitor's time: what time it is, and one alarm. In the browser the
// clock of Asio's steady_timer (AsioMonitorClock); in tests a fake that
// moves only when told, so they never sleep (as CrashPolicy takes `now`).
class MonitorClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~MonitorClock() = default;
  virtual TimePoint Now() const = 0;
  // Calls `wake` once at `when`, replacing any alarm already set.
  virtual void WakeAt(TimePoint when, std::function<void()> wake) = 0;
  // Drops the alarm; its callback is never called.
  virtual void Cancel() = 0;
  // When the alarm is set to go off (TimePoint::max() when none is set).
  virtual TimePoint alarm() const = 0;
};

class AsioMonitorClock : public MonitorClock {
 public:
  explicit AsioMonitorClock(boost::asio::io_context& io) : timer_(io) {}
  TimePoint Now() const override { return std::chrono::steady_clock::now(); }
  void WakeAt(TimePoint when, std::function<void()> wake) override;
  void Cancel() override;
  TimePoint alarm() const override { return armed_ ? timer_.expiry() : TimePoint::max(); }

 private:
  boost::asio::steady_timer timer_;
  bool armed_ = false;
  WeakAnchor alive_;
};

// A child nobody waits on (a tab without a surface, a ready spare) is pinged
// this many hang timeouts apart while idle: 30 s by default.
inline constexpr int kBackgroundPingFactor = 6;

// Pings a child on the browser's loop and declares it unresponsive when a
// ping goes unanswered for `timeout` (DESIGN section 6). The child answers
// from its own main loop, so a child stuck in a loop, blocked, or stalled in
// the middle of a frame cannot answer. A merely busy child gets the whole
// timeout: that is the contract, there is no earlier kill.
//
// How often: by default a new ping goes out one timeout after the last. A
// child with nothing to do (a background tab) may be given a longer interval,
// so hundreds of idle tabs cost the browser next to nothing; any work sent
// to it brings the next ping back to one timeout after the last, so a hang
// that work causes is still caught within two timeouts (Chrome goes further
// and watches renderers only while input is outstanding).
class HangMonitor {
 public:
  using SendPing = std::function<void(uint64_t cookie)>;
  using OnHang = std::function<void(std::chrono::milliseconds waited)>;

  HangMonitor(std::unique_ptr<MonitorClock> clock, std::chrono::milliseconds timeout, SendPing send_ping,
              OnHang on_hang);
  // On the loop's own clock.
  HangMonitor(boost::asio::io_context& io, std::chrono::milliseconds timeout, SendPing send_ping, OnHang on_hang)
      : HangMonitor(std::make_unique<AsioMonitorClock>(io), timeout, std::move(send_ping), std::move(on_hang)) {}
  ~HangMonitor();

  void Start();
  void Stop();
  // Time between an answered ping and the next while no work is sent; never
  // shorter than the timeout.
  void SetIdleInterval(std::chrono::milliseconds interval);
  // The browser sent the child something to do.
  void OnWorkSent();
  // False for a pong nobody asked for (a protocol violation).
  bool OnPong(uint64_t cookie);

 private:
  using TimePoint = MonitorClock::TimePoint;
  void Tick();
  void WakeAt(TimePoint when);

  std::unique_ptr<MonitorClock> clock_;
  std::chrono::milliseconds timeout_;
  std::chrono::milliseconds idle_interval_;
  bool started_ = false;
  bool work_since_ping_ = false;
  SendPing send_ping_;
  OnHang on_hang_;
  uint64_t next_cookie_ = 1;
  uint64_t outstanding_ = 0;  // cookie of the unanswered ping, 0 for none
  TimePoint sent_at_;
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_HANG_MONITOR_H_
