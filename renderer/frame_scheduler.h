#ifndef SANDTAB_RENDERER_FRAME_SCHEDULER_H_
#define SANDTAB_RENDERER_FRAME_SCHEDULER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "renderer/frame_pacer.h"
#include "renderer/idle_buffer_discard.h"

namespace sandtab::renderer {

// When this renderer makes a frame, and what the frame cost. Changes
// (a response, a scroll, an ack that frees a buffer) ask for a paint, and
// however many come in one turn of the loop they make one frame, at its end;
// the scripts' frames (requestAnimationFrame, DOM changes) are paced to
// 60 Hz (FramePacer); the CPU time of document work since the last frame
// goes into that frame's report (FrameReady.work_us); and once frames stop,
// the back buffer is given back (IdleBufferDiscard). FramePresenter paints;
// this decides when.
class FrameScheduler {
 public:
  struct Steps {
    std::function<void(double now_ms)> animation_frame;  // the scripts' frame callbacks
    std::function<void()> frame;                         // bring the document up to date and paint it
    std::function<void()> discard_back_buffers;
  };

  // Counts the calling thread's CPU time into the next frame's work while it lives.
  class WorkTimer {
   public:
    explicit WorkTimer(uint64_t* work_ns);
    ~WorkTimer();
    WorkTimer(const WorkTimer&) = delete;
    WorkTimer& operator=(const WorkTimer&) = delete;

   private:
    uint64_t* work_ns_;
    uint64_t start_ns_;
  };

  FrameScheduler(boost::asio::io_context& io, std::chrono::milliseconds idle, Steps steps);

  // Something on screen may have changed: one frame once the messages
  // already waiting in the sockets are handled.
  void SchedulePaint();
  bool paint_scheduled() const { return paint_scheduled_; }
  // The scripts want a frame: at most one per FramePacer::kInterval.
  void RequestAnimationFrame() { pacer_.Request(); }
  // A buffer came back from the browser: the back buffer is in use again.
  void BufferReturned() { idle_discard_.Touch(); }

  WorkTimer TimeWork() { return WorkTimer(&work_ns_); }
  // Document work since the last presented frame.
  uint64_t work_ns() const { return work_ns_; }
  // A frame went to the browser: its work is reported, the idle count starts
  // again, and a hold (below) ends.
  void FramePresented();

  // Until the next frame is presented (a new document's first), a frame is
  // put off while `waiting()` says the document could paint but what its
  // build asked for (images) is still coming; at most kFirstFrameHold from
  // the first frame that waited, about one frame of a 60 Hz display, as a
  // renderer that paints at vsync makes one frame of what arrives within
  // it. A page whose images come in that time is painted once instead of
  // twice (a second full paint into the other buffer, whose pages are
  // touched for it): docs/performance.md.
  void HoldNextFrameWhile(std::function<bool()> waiting);
  static constexpr std::chrono::milliseconds kFirstFrameHold{16};

 private:
  void ArmFrame(std::chrono::steady_clock::time_point when);
  void OnFrameDue();

  boost::asio::steady_timer frame_timer_;
  Steps steps_;
  FramePacer pacer_;
  IdleBufferDiscard idle_discard_;
  bool paint_scheduled_ = false;
  std::function<bool()> hold_waiting_;
  std::optional<std::chrono::steady_clock::time_point> hold_deadline_;
  uint64_t work_ns_ = 0;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_FRAME_SCHEDULER_H_
