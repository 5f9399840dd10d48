// CrashPolicy is pure: every test drives it with time points it makes up.
#include "browser/process/crash_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;

// An arbitrary, fixed origin: nothing here may depend on the real clock.
const CrashPolicy::Clock::time_point kT0 = CrashPolicy::Clock::time_point{} + std::chrono::hours(1000);

TEST(CrashPolicyTest, FirstRestartIsImmediate) {
  CrashPolicy policy;
  auto decision = policy.OnCrash(kT0);
  EXPECT_TRUE(decision.restart);
  EXPECT_EQ(decision.delay, milliseconds(0));
  EXPECT_EQ(decision.text, "restart in 0 ms");
  EXPECT_EQ(policy.recent_crashes(), 1);
}

TEST(CrashPolicyTest, BackoffDoublesFromBaseAndIsCappedAtMax) {
  // A loop limit no test reaches, so only the backoff shows.
  CrashPolicy policy({.base_delay = milliseconds(250),
                      .max_delay = milliseconds(8000),
                      .loop_crashes = 1000,
                      .loop_window = seconds(3600)});
  const std::vector<int64_t> expected = {0, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000};
  for (size_t i = 0; i < expected.size(); ++i) {
    auto decision = policy.OnCrash(kT0 + seconds(static_cast<int>(i)));
    ASSERT_TRUE(decision.restart) << "crash " << i + 1;
    EXPECT_EQ(decision.delay.count(), expected[i]) << "crash " << i + 1;
    EXPECT_EQ(decision.text, "restart in " + std::to_string(expected[i]) + " ms");
  }
}

TEST(CrashPolicyTest, ManyCrashesStayAtTheCapWithoutOverflow) {
  CrashPolicy policy({.base_delay = milliseconds(250),
                      .max_delay = milliseconds(8000),
                      .loop_crashes = 1000000,
                      .loop_window = std::chrono::hours(24)});
  CrashPolicy::Decision decision;
  for (int i = 0; i < 200; ++i) {
    decision = policy.OnCrash(kT0 + milliseconds(i));
    ASSERT_TRUE(decision.restart);
    ASSERT_GE(decision.delay.count(), 0) << "crash " << i + 1;
    ASSERT_LE(decision.delay.count(), 8000) << "crash " << i + 1;
  }
  EXPECT_EQ(decision.delay, milliseconds(8000));
}

TEST(CrashPolicyTest, CustomBaseAndMax) {
  CrashPolicy policy({.base_delay = milliseconds(100),
                      .max_delay = milliseconds(350),
                      .loop_crashes = 100,
                      .loop_window = seconds(60)});
  EXPECT_EQ(policy.OnCrash(kT0).delay, milliseconds(0));
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(1)).delay, milliseconds(100));
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(2)).delay, milliseconds(200));
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(3)).delay, milliseconds(350));  // 400 capped
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(4)).delay, milliseconds(350));
}

TEST(CrashPolicyTest, DefaultCrashLoopIsThreeWithinThirtySeconds) {
  CrashPolicy policy;
  EXPECT_TRUE(policy.OnCrash(kT0).restart);
  EXPECT_TRUE(policy.OnCrash(kT0 + seconds(5)).restart);
  auto third = policy.OnCrash(kT0 + seconds(10));
  EXPECT_FALSE(third.restart);
  EXPECT_THAT(third.text, HasSubstr("crash loop"));
  EXPECT_THAT(third.text, HasSubstr("3 crashes"));
  EXPECT_THAT(third.text, HasSubstr("reload"));
  // Stays stopped while crashes keep coming inside the window.
  EXPECT_FALSE(policy.OnCrash(kT0 + seconds(12)).restart);
}

TEST(CrashPolicyTest, LoopThresholdAndWindowAreConfigurable) {
  CrashPolicy policy(
      {.base_delay = milliseconds(10), .max_delay = milliseconds(1000), .loop_crashes = 5, .loop_window = seconds(10)});
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(policy.OnCrash(kT0 + seconds(i)).restart) << "crash " << i + 1;
  }
  auto fifth = policy.OnCrash(kT0 + seconds(4));
  EXPECT_FALSE(fifth.restart);
  EXPECT_THAT(fifth.text, HasSubstr("5 crashes"));

  // With a short window, three crashes spread wider than it are no loop.
  CrashPolicy short_window(
      {.base_delay = milliseconds(10), .max_delay = milliseconds(1000), .loop_crashes = 3, .loop_window = seconds(1)});
  EXPECT_TRUE(short_window.OnCrash(kT0).restart);
  EXPECT_TRUE(short_window.OnCrash(kT0 + milliseconds(600)).restart);
  EXPECT_TRUE(short_window.OnCrash(kT0 + milliseconds(1200)).restart);
  EXPECT_EQ(short_window.recent_crashes(), 2);
}

TEST(CrashPolicyTest, CrashesOlderThanTheWindowAreForgotten) {
  CrashPolicy policy;  // 3 within 30 s
  EXPECT_TRUE(policy.OnCrash(kT0).restart);
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(1)).delay, milliseconds(250));
  // A quiet period longer than the window: back to an immediate restart.
  auto after_quiet = policy.OnCrash(kT0 + seconds(1) + seconds(31));
  EXPECT_TRUE(after_quiet.restart);
  EXPECT_EQ(after_quiet.delay, milliseconds(0));
  EXPECT_EQ(policy.recent_crashes(), 1);
}

TEST(CrashPolicyTest, CrashesSpacedWiderThanTheWindowNeverLoop) {
  CrashPolicy policy;
  for (int i = 0; i < 20; ++i) {
    auto decision = policy.OnCrash(kT0 + seconds(31) * i);
    ASSERT_TRUE(decision.restart) << "crash " << i + 1;
    ASSERT_EQ(decision.delay, milliseconds(0)) << "crash " << i + 1;
  }
}

TEST(CrashPolicyTest, SlidingWindowOnlyCountsRecentCrashes) {
  CrashPolicy policy;
  EXPECT_TRUE(policy.OnCrash(kT0).restart);
  EXPECT_TRUE(policy.OnCrash(kT0 + seconds(20)).restart);
  // At 40 s the first crash is 40 s old: two in the window, not three.
  auto decision = policy.OnCrash(kT0 + seconds(40));
  EXPECT_TRUE(decision.restart);
  EXPECT_EQ(decision.delay, milliseconds(250));
  EXPECT_EQ(policy.recent_crashes(), 2);
}

TEST(CrashPolicyTest, LoopEndsAfterAQuietPeriod) {
  CrashPolicy policy;
  policy.OnCrash(kT0);
  policy.OnCrash(kT0 + seconds(1));
  ASSERT_FALSE(policy.OnCrash(kT0 + seconds(2)).restart);
  auto later = policy.OnCrash(kT0 + seconds(2) + seconds(31));
  EXPECT_TRUE(later.restart);
  EXPECT_EQ(later.delay, milliseconds(0));
}

TEST(CrashPolicyTest, ResetAfterUserReloadStartsOver) {
  CrashPolicy policy;
  policy.OnCrash(kT0);
  policy.OnCrash(kT0 + seconds(1));
  ASSERT_FALSE(policy.OnCrash(kT0 + seconds(2)).restart);
  policy.Reset();  // the user reloaded
  EXPECT_EQ(policy.recent_crashes(), 0);
  auto first = policy.OnCrash(kT0 + seconds(3));
  EXPECT_TRUE(first.restart);
  EXPECT_EQ(first.delay, milliseconds(0));
  EXPECT_EQ(policy.OnCrash(kT0 + seconds(4)).delay, milliseconds(250));
}

}  // namespace
}  // namespace sandtab::browser
