// IdleBufferDiscard on a real io_context: it discards once the frames stop,
// once per quiet spell, and never before its idle time has passed.
#include "renderer/idle_buffer_discard.h"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/run_until.h"

namespace sandtab::renderer {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr milliseconds kIdle{20};

class IdleBufferDiscardTest : public ::testing::Test {
 protected:
  // Runs the loop until `discards_` reaches `count` (or the support's bound).
  bool RunUntilDiscards(int count) {
    return test::RunUntil(io_, [&] { return discards_ >= count; }) && discards_ == count;
  }
  void RunFor(milliseconds time) { test::RunFor(io_, time); }

  boost::asio::io_context io_;
  int discards_ = 0;
  steady_clock::time_point discarded_at_;
  IdleBufferDiscard discard_{io_, kIdle, [this] {
                               ++discards_;
                               discarded_at_ = steady_clock::now();
                             }};
};

TEST_F(IdleBufferDiscardTest, NothingHappensBeforeTheFirstFrame) {
  EXPECT_FALSE(discard_.armed());
  RunFor(3 * kIdle);
  EXPECT_EQ(discards_, 0);
}

TEST_F(IdleBufferDiscardTest, DiscardsOnceTheFramesStopAndNotBeforeTheIdleTime) {
  const auto touched_at = steady_clock::now();
  discard_.Touch();
  EXPECT_TRUE(discard_.armed());
  ASSERT_TRUE(RunUntilDiscards(1));
  EXPECT_GE(discarded_at_ - touched_at, kIdle);
  EXPECT_FALSE(discard_.armed());
  RunFor(3 * kIdle);
  EXPECT_EQ(discards_, 1) << "one discard per quiet spell";

  discard_.Touch();  // the page painted again
  ASSERT_TRUE(RunUntilDiscards(2));
}

TEST_F(IdleBufferDiscardTest, AFrameWhileArmedPushesTheDiscardBack) {
  discard_.Touch();
  // A frame before the first expiry (timers run in expiry order, so it
  // comes first however late the loop runs): the timer finds the newer
  // frame and waits out the rest of the idle time from it.
  boost::asio::steady_timer later(io_);
  steady_clock::time_point last_touch;
  later.expires_after(kIdle / 2);
  later.async_wait([&](const boost::system::error_code&) {
    last_touch = steady_clock::now();
    discard_.Touch();
  });
  ASSERT_TRUE(RunUntilDiscards(1));
  EXPECT_GE(discarded_at_ - last_touch, kIdle);
}

}  // namespace
}  // namespace sandtab::renderer
