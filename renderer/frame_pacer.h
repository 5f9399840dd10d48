#ifndef SANDTAB_RENDERER_FRAME_PACER_H_
#define SANDTAB_RENDERER_FRAME_PACER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>

namespace sandtab::renderer {

// The pace of a scripted page's frames: requestAnimationFrame and DOM
// changes ask for a frame; the pacer runs `frame(now_ms)` at most once per
// interval (60 Hz), however often it is asked and however fast the
// browser's acks would allow, so an animation costs a frame's work 60
// times a second, not as often as the loop turns.
class FramePacer {
 public:
  static constexpr std::chrono::milliseconds kInterval{16};

  FramePacer(boost::asio::io_context& io, std::function<void(double now_ms)> frame)
      : timer_(io), frame_(std::move(frame)) {}

  // A frame is wanted: now if the last one is an interval old, else when it is.
  void Request() {
    if (armed_) return;
    armed_ = true;
    timer_.expires_at(std::max(std::chrono::steady_clock::now(), last_frame_ + kInterval));
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;  // the pacer is gone (its owner cancelled it)
      armed_ = false;
      last_frame_ = std::chrono::steady_clock::now();
      frame_(std::chrono::duration<double, std::milli>(last_frame_.time_since_epoch()).count());
    });
  }
  bool armed() const { return armed_; }

 private:
  boost::asio::steady_timer timer_;
  std::function<void(double)> frame_;
  bool armed_ = false;
  std::chrono::steady_clock::time_point last_frame_{};
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_FRAME_PACER_H_
