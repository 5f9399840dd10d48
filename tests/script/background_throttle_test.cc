// BackgroundThrottle: a hidden page's timers wake it at most once per second;
// a shown page's run when due.
#include "renderer/script/background_throttle.h"

#include <gtest/gtest.h>

namespace sandtab::script {
namespace {

using std::chrono::milliseconds;
using Clock = BackgroundThrottle::Clock;

const Clock::time_point kStart = Clock::time_point{} + std::chrono::hours(1);

TEST(BackgroundThrottleTest, AShownPageRunsEveryTimerWhenDue) {
  BackgroundThrottle throttle;
  EXPECT_FALSE(throttle.hidden());
  for (int i = 0; i < 5; ++i) {
    const Clock::time_point due = kStart + milliseconds(10 * i);
    EXPECT_EQ(throttle.WakeFor(due), due);
    throttle.OnTimerRan(due);
  }
}

TEST(BackgroundThrottleTest, AHiddenPageWakesAtMostOnceASecond) {
  BackgroundThrottle throttle;
  throttle.SetHidden(true);
  // The first wake-up comes when due.
  EXPECT_EQ(throttle.WakeFor(kStart), kStart);
  throttle.OnTimerRan(kStart);
  // A timer due 10 ms later waits for the next wake-up, a second after this one.
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(10)), kStart + milliseconds(1000));
  // One due later than that runs when due.
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(1500)), kStart + milliseconds(1500));
  // setInterval(f, 10): every run a second after the one before.
  Clock::time_point now = kStart;
  for (int i = 1; i <= 5; ++i) {
    const Clock::time_point wake = throttle.WakeFor(now + milliseconds(10));
    EXPECT_EQ(wake, kStart + milliseconds(1000 * i)) << "run " << i;
    throttle.OnTimerRan(wake);
    now = wake;
  }
}

TEST(BackgroundThrottleTest, TimersDueByAWakeUpRunInIt) {
  BackgroundThrottle throttle;
  throttle.SetHidden(true);
  throttle.OnTimerRan(kStart + milliseconds(2000));  // the wake-up began
  // Two more timers were due by then: they run now, each its own task.
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(1200)), kStart + milliseconds(1200));
  throttle.OnTimerRan(kStart + milliseconds(2001));
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(2000)), kStart + milliseconds(2000));
  throttle.OnTimerRan(kStart + milliseconds(2002));
  // The wake-up still began at 2000: the next one is a second after that.
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(2003)), kStart + milliseconds(3000));
}

TEST(BackgroundThrottleTest, ShowingThePageLiftsTheRuleAtOnce) {
  BackgroundThrottle throttle;
  throttle.SetHidden(true);
  throttle.OnTimerRan(kStart);
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(10)), kStart + milliseconds(1000));
  throttle.SetHidden(false);
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(10)), kStart + milliseconds(10));
  // Hidden again: a fresh start, the first wake-up when due.
  throttle.SetHidden(true);
  EXPECT_EQ(throttle.WakeFor(kStart + milliseconds(20)), kStart + milliseconds(20));
}

}  // namespace
}  // namespace sandtab::script
