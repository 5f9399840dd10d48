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
  const auto now = std::chrono::steady_clock::now();
  // A frame already due stays as it is; one held for a deadline (its timer
  // set in the future) is asked again at once: the change may be what the
  // hold waits for.
  if (paint_scheduled_ && frame_timer_.expiry() <= now) return;
  paint_scheduled_ = true;
  ArmFrame(now);
}

void FrameScheduler::HoldNextFrameWhile(std::function<bool()> waiting) {
  hold_waiting_ = std::move(waiting);
  hold_deadline_.reset();
}

// Setting the expiry cancels a wait already armed (its handler sees
// operation_aborted and does nothing).
void FrameScheduler::ArmFrame(std::chrono::steady_clock::time_point when) {
  frame_timer_.expires_at(when);
  frame_timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) OnFrameDue();
  });
}

void FrameScheduler::OnFrameDue() {
  if (hold_waiting_ && hold_waiting_()) {
    const auto now = std::chrono::steady_clock::now();
    if (!hold_deadline_) hold_deadline_ = now + kFirstFrameHold;
    if (now < *hold_deadline_) return ArmFrame(*hold_deadline_);
  }
  paint_scheduled_ = false;
  steps_.frame();
}

void FrameScheduler::FramePresented() {
  work_ns_ = 0;
  idle_discard_.Touch();
  hold_waiting_ = nullptr;
  hold_deadline_.reset();
}

}  // namespace sandtab::renderer
