// FrameTicker: its cadence as a pure function of the clock, and one tick
// per Arm() on a real io_context.
#include "plugin/frame_ticker.h"

#include <gtest/gtest.h>

#include "tests/support/run_until.h"

namespace sandtab::plugin {
namespace {

using namespace std::chrono_literals;
using Clock = FrameTicker::Clock;

const Clock::time_point kOrigin = Clock::time_point(100s);

TEST(FrameTickerTest, OnTimeTheNextTickIsOneIntervalAfterThePrevious) {
  // Keeps a steady cadence even when the tick's work took part of the frame.
  EXPECT_EQ(FrameTicker::NextTick(kOrigin, kOrigin + 10ms, 33ms), kOrigin + 33ms);
  EXPECT_EQ(FrameTicker::NextTick(kOrigin, kOrigin, 33ms), kOrigin + 33ms);
}

TEST(FrameTickerTest, AfterAStallTheCadenceStartsAgainFromNow) {
  EXPECT_EQ(FrameTicker::NextTick(kOrigin, kOrigin + 33ms, 33ms), kOrigin + 66ms);
  EXPECT_EQ(FrameTicker::NextTick(kOrigin, kOrigin + 500ms, 33ms), kOrigin + 533ms);
  // The first tick ever (no previous one) is one interval from now.
  EXPECT_EQ(FrameTicker::NextTick(Clock::time_point{}, kOrigin, 33ms), kOrigin + 33ms);
}

class FrameTickerLoopTest : public ::testing::Test {
 protected:
  boost::asio::io_context io_;
  int ticks_ = 0;
  FrameTicker ticker_{io_, 1ms, [this] { ++ticks_; }};
};

TEST_F(FrameTickerLoopTest, OneArmIsOneTick) {
  EXPECT_FALSE(ticker_.armed());
  ticker_.Arm();
  ticker_.Arm();  // already armed: still one tick
  EXPECT_TRUE(ticker_.armed());
  ASSERT_TRUE(test::RunUntil(io_, [&] { return ticks_ > 0; }));
  EXPECT_FALSE(ticker_.armed());
  test::RunFor(io_, 20ms);
  EXPECT_EQ(ticks_, 1);
}

TEST_F(FrameTickerLoopTest, ATickMayArmTheNext) {
  FrameTicker chained{io_, 1ms, [&] {
                        if (++ticks_ < 3) chained.Arm();
                      }};
  chained.Arm();
  ASSERT_TRUE(test::RunUntil(io_, [&] { return ticks_ == 3; }));
  EXPECT_FALSE(chained.armed());
}

TEST_F(FrameTickerLoopTest, CancelledThereIsNoTick) {
  ticker_.Arm();
  ticker_.Cancel();
  EXPECT_FALSE(ticker_.armed());
  test::RunFor(io_, 20ms);
  EXPECT_EQ(ticks_, 0);
  ticker_.Arm();
  ASSERT_TRUE(test::RunUntil(io_, [&] { return ticks_ == 1; }));
}

}  // namespace
}  // namespace sandtab::plugin
