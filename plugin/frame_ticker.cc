#include "plugin/frame_ticker.h"

#include <utility>

namespace sandtab::plugin {

FrameTicker::FrameTicker(boost::asio::io_context& io, Clock::duration interval, std::function<void()> on_tick)
    : timer_(io), interval_(interval), on_tick_(std::move(on_tick)) {}

FrameTicker::Clock::time_point FrameTicker::NextTick(Clock::time_point previous, Clock::time_point now,
                                                     Clock::duration interval) {
  return previous + interval > now ? previous + interval : now + interval;
}

void FrameTicker::Arm() {
  if (armed_) return;
  armed_ = true;
  next_tick_ = NextTick(next_tick_, Clock::now(), interval_);
  timer_.expires_at(next_tick_);
  // Cancelled, the wait touches nothing: Cancel() disarmed it, and the
  // ticker may be gone.
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) Tick();
  });
}

void FrameTicker::Tick() {
  armed_ = false;
  on_tick_();
}

void FrameTicker::Cancel() {
  armed_ = false;
  timer_.cancel();
}

}  // namespace sandtab::plugin
