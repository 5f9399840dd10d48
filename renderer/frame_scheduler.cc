#include "renderer/frame_scheduler.h"

#include <boost/asio/post.hpp>

#include "renderer/thread_cpu_time.h"

namespace sandtab::renderer {

FrameScheduler::WorkTimer::WorkTimer(uint64_t* work_ns) : work_ns_(work_ns), start_ns_(ThreadCpuNanos()) {}

FrameScheduler::WorkTimer::~WorkTimer() { *work_ns_ += ThreadCpuNanos() - start_ns_; }

FrameScheduler::FrameScheduler(boost::asio::io_context& io, std::chrono::milliseconds idle, Steps steps)
    : io_(io),
      steps_(std::move(steps)),
      pacer_(io, [this](double now_ms) { steps_.animation_frame(now_ms); }),
      idle_discard_(io, idle, [this] { steps_.discard_back_buffers(); }) {}

void FrameScheduler::SchedulePaint() {
  if (paint_scheduled_) return;
  paint_scheduled_ = true;
  boost::asio::post(io_, [this] {
    paint_scheduled_ = false;
    steps_.frame();
  });
}

void FrameScheduler::FramePresented() {
  work_ns_ = 0;
  idle_discard_.Touch();
}

}  // namespace sandtab::renderer
