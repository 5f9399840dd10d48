#ifndef SANDTAB_PLUGIN_FRAME_TICKER_H_
#define SANDTAB_PLUGIN_FRAME_TICKER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>

namespace sandtab::plugin {

// One wake-up per animation frame for every animated instance of the
// process, at a steady cadence. It is armed one tick at a time, so a process
// with nothing animated sleeps with no wake-ups at all.
class FrameTicker {
 public:
  using Clock = std::chrono::steady_clock;

  FrameTicker(boost::asio::io_context& io, Clock::duration interval, std::function<void()> on_tick);

  // Arms the next tick unless one is armed.
  void Arm();
  // No tick comes until the next Arm().
  void Cancel();
  bool armed() const { return armed_; }

  // When the tick after `previous` is due: one interval later, or, after a
  // stall that let that moment pass, one interval from `now` (no burst of
  // ticks to catch up).
  static Clock::time_point NextTick(Clock::time_point previous, Clock::time_point now, Clock::duration interval);

 private:
  void Tick();

  boost::asio::steady_timer timer_;
  const Clock::duration interval_;
  std::function<void()> on_tick_;
  bool armed_ = false;
  Clock::time_point next_tick_;
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_FRAME_TICKER_H_
