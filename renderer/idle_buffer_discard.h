#ifndef SANDTAB_RENDERER_IDLE_BUFFER_DISCARD_H_
#define SANDTAB_RENDERER_IDLE_BUFFER_DISCARD_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>

namespace sandtab::renderer {

// When a tab's frames stop, its back buffer is memory nobody looks at: a
// static page need not keep two full buffers (docs/rendering.md). Calls
// `discard` once no frame was presented and no buffer came back for
// `idle`; the next frame starts the count again. A frame costs one clock
// read, never a timer operation: the one timer, when it fires early,
// re-arms itself for the rest of the idle time.
class IdleBufferDiscard {
 public:
  // Long enough that an animation (a frame every 16 ms) or a page still
  // loading its images never lets go of a buffer it is about to paint
  // again; short next to the seconds a page is then looked at.
  static constexpr std::chrono::milliseconds kIdle{500};

  IdleBufferDiscard(boost::asio::io_context& io, std::chrono::milliseconds idle, std::function<void()> discard);

  // A frame was presented or a buffer came back.
  void Touch();
  bool armed() const { return armed_; }

 private:
  void ArmAt(std::chrono::steady_clock::time_point when);

  boost::asio::steady_timer timer_;
  const std::chrono::milliseconds idle_;
  std::function<void()> discard_;
  std::chrono::steady_clock::time_point last_touch_{};
  bool armed_ = false;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_IDLE_BUFFER_DISCARD_H_
