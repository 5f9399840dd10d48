// FrameScheduler on a real io_context: changes in one turn of the loop make
// one frame, a new document's first frame may wait a little for its images,
// the scripts' frames are paced, work is counted into the next
// frame and the back buffer goes once frames stop.
#include "renderer/frame_scheduler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <vector>

#include "renderer/thread_cpu_time.h"
#include "tests/support/run_until.h"

namespace sandtab::renderer {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr milliseconds kIdle{20};

class FrameSchedulerTest : public ::testing::Test {
 protected:
  bool RunUntil(const std::function<bool()>& done) { return test::RunUntil(io_, done); }
  // Runs every handler that is ready now, none that waits for a timer.
  void RunReady() {
    io_.restart();
    io_.poll();
  }

  boost::asio::io_context io_;
  int frames_ = 0;
  int discards_ = 0;
  std::vector<double> animation_frames_;
  FrameScheduler scheduler_{
      io_, kIdle,
      FrameScheduler::Steps{.animation_frame = [this](double now_ms) { animation_frames_.push_back(now_ms); },
                            .frame = [this] { ++frames_; },
                            .discard_back_buffers = [this] { ++discards_; }}};
};

TEST_F(FrameSchedulerTest, ChangesInOneTurnOfTheLoopMakeOneFrame) {
  scheduler_.SchedulePaint();
  scheduler_.SchedulePaint();
  scheduler_.SchedulePaint();
  EXPECT_TRUE(scheduler_.paint_scheduled());
  EXPECT_EQ(frames_, 0) << "a frame before the turn of the loop ended";
  RunReady();
  EXPECT_EQ(frames_, 1);
  EXPECT_FALSE(scheduler_.paint_scheduled());
  scheduler_.SchedulePaint();  // a later change: a frame of its own
  RunReady();
  EXPECT_EQ(frames_, 2);
}

TEST_F(FrameSchedulerTest, AHeldFrameComesWhenWhatItWaitsForIsIn) {
  bool images_coming = true;
  scheduler_.HoldNextFrameWhile([&] { return images_coming; });
  scheduler_.SchedulePaint();
  RunReady();
  EXPECT_EQ(frames_, 0) << "painted while the images were coming";
  EXPECT_TRUE(scheduler_.paint_scheduled());
  images_coming = false;
  scheduler_.SchedulePaint();  // the last image's answer
  RunReady();
  EXPECT_EQ(frames_, 1);
  EXPECT_FALSE(scheduler_.paint_scheduled());
}

TEST_F(FrameSchedulerTest, AHoldEndsAtItsDeadline) {
  scheduler_.HoldNextFrameWhile([] { return true; });  // an image that never comes
  const auto asked_at = steady_clock::now();
  scheduler_.SchedulePaint();
  RunReady();
  scheduler_.SchedulePaint();  // another change meanwhile does not end the hold
  RunReady();
  EXPECT_EQ(frames_, 0);
  ASSERT_TRUE(RunUntil([&] { return frames_ == 1; }));
  EXPECT_GE(steady_clock::now() - asked_at, FrameScheduler::kFirstFrameHold);
}

TEST_F(FrameSchedulerTest, OnlyTheFrameBeforeTheNextPresentIsHeld) {
  scheduler_.HoldNextFrameWhile([] { return true; });
  ASSERT_TRUE(RunUntil([&] {
    if (!scheduler_.paint_scheduled() && frames_ == 0) scheduler_.SchedulePaint();
    return frames_ == 1;
  }));
  scheduler_.FramePresented();
  scheduler_.SchedulePaint();
  RunReady();
  EXPECT_EQ(frames_, 2) << "a later frame was held too";
}

TEST_F(FrameSchedulerTest, TheScriptsFramesArePacedToOnePerInterval) {
  const auto asked_at = steady_clock::now();
  scheduler_.RequestAnimationFrame();
  scheduler_.RequestAnimationFrame();
  ASSERT_TRUE(RunUntil([&] { return animation_frames_.size() == 1; }));
  scheduler_.RequestAnimationFrame();
  ASSERT_TRUE(RunUntil([&] { return animation_frames_.size() == 2; }));
  EXPECT_GE(steady_clock::now() - asked_at, FramePacer::kInterval) << "the second frame came within one interval";
  const double interval_ms = std::chrono::duration<double, std::milli>(FramePacer::kInterval).count();
  EXPECT_GE(animation_frames_[1] - animation_frames_[0], interval_ms - 1);
  EXPECT_EQ(frames_, 0) << "an animation frame is the scripts' step, not a paint";
}

TEST_F(FrameSchedulerTest, WorkIsCountedIntoTheNextFrameOnly) {
  EXPECT_EQ(scheduler_.work_ns(), 0u);
  {
    FrameScheduler::WorkTimer work = scheduler_.TimeWork();
    const uint64_t until = ThreadCpuNanos() + 2'000'000;  // 2 ms of this thread's CPU
    while (ThreadCpuNanos() < until) {
    }
  }
  EXPECT_GE(scheduler_.work_ns(), 2'000'000u);
  const uint64_t counted = scheduler_.work_ns();
  RunReady();  // time outside a timer is not work
  EXPECT_EQ(scheduler_.work_ns(), counted);
  scheduler_.FramePresented();
  EXPECT_EQ(scheduler_.work_ns(), 0u) << "a frame reports its work once";
}

TEST_F(FrameSchedulerTest, TheBackBufferGoesOnceFramesStop) {
  io_.run_for(3 * kIdle);
  EXPECT_EQ(discards_, 0) << "discarded before any frame";
  scheduler_.FramePresented();
  ASSERT_TRUE(RunUntil([&] { return discards_ == 1; }));
  scheduler_.BufferReturned();  // the browser gave a buffer back: in use again
  ASSERT_TRUE(RunUntil([&] { return discards_ == 2; }));
}

}  // namespace
}  // namespace sandtab::renderer
