#include "renderer/frame_scheduler.h"

#include "renderer/thread_cpu_time.h"

namespace sandtab::renderer {

FrameScheduler::WorkTimer::WorkTimer(uint64_t* work_ns) : work_ns_(work_ns), start_ns_(ThreadCpuNanos()) {}

FrameScheduler::WorkTimer::~WorkTimer() { *work_ns_ += ThreadCpuNanos() - start_ns_; }

FrameScheduler::FrameScheduler(boost::asio::io_context& io, std::chrono::milliseconds idle, Steps steps)
    : frame_timer_(io),
      steps_(std::move(steps)),
      pacer_(io, [this](double now_ms) { steps_.animation_frame(now_ms); }),
      idle_discard_(io, idle, [this] { steps_.discard_back_buffers(); }) {}

// A timer due now rather than a post: a timer completes from the reactor's
// pass, after the completions of the sockets' reads it found in that pass,
// so the messages already waiting (an image answered while the document
// was being built: each answer with a body is a read of its own) are handled
// before the frame, not one frame each. A one-shot of article.html painted
// twice in about half the runs, ~4 ms a paint (docs/performance.md).
void FrameScheduler::SchedulePaint() {
  if (paint_scheduled_) return;
  paint_scheduled_ = true;
  frame_timer_.expires_after(std::chrono::nanoseconds(0));
  frame_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    paint_scheduled_ = false;
    steps_.frame();
  });
}

void FrameScheduler::FramePresented() {
  work_ns_ = 0;
  idle_discard_.Touch();
}

}  // namespace sandtab::renderer
