// PluginRelaunchPolicy is pure: every test drives it with made-up times.
#include "browser/plugins/plugin_relaunch_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;
using State = PluginRelaunchPolicy::State;

const PluginRelaunchPolicy::Clock::time_point kT0 =
    PluginRelaunchPolicy::Clock::time_point{} + std::chrono::hours(1000);

// The renderers' defaults (DESIGN section 6).
CrashPolicyConfig Defaults() { return {milliseconds(250), milliseconds(8000), 3, milliseconds(30000)}; }

TEST(PluginRelaunchPolicyTest, ATypeThatNeverDiedLaunchesAtOnce) {
  PluginRelaunchPolicy policy(Defaults());
  EXPECT_EQ(policy.Check("clock", kT0).state, State::kReady);
  EXPECT_TRUE(policy.Report(kT0).empty());
}

TEST(PluginRelaunchPolicyTest, BackoffThenCrashLoop) {
  PluginRelaunchPolicy policy(Defaults());
  EXPECT_THAT(policy.OnDeath("clock", kT0), HasSubstr("at once"));
  EXPECT_EQ(policy.Check("clock", kT0).state, State::kReady);

  const auto t1 = kT0 + milliseconds(100);
  EXPECT_THAT(policy.OnDeath("clock", t1), HasSubstr("after 250 ms"));
  PluginRelaunchPolicy::Gate gate = policy.Check("clock", t1 + milliseconds(249));
  EXPECT_EQ(gate.state, State::kBackoff);
  EXPECT_EQ(gate.not_before, t1 + milliseconds(250));
  EXPECT_EQ(policy.Check("clock", t1 + milliseconds(250)).state, State::kReady);
  // Other types are not held back.
  EXPECT_EQ(policy.Check("chart", t1).state, State::kReady);

  const auto t2 = t1 + milliseconds(300);
  EXPECT_THAT(policy.OnDeath("clock", t2), HasSubstr("crash loop: 3 crashes"));
  gate = policy.Check("clock", t2 + seconds(29));
  EXPECT_EQ(gate.state, State::kCrashLoop);
  EXPECT_THAT(gate.text, HasSubstr("clock plugin is in a crash loop"));
  auto report = policy.Report(t2);
  ASSERT_EQ(report.count("clock"), 1u);
  EXPECT_EQ(report["clock"].state, State::kCrashLoop);
  EXPECT_EQ(report["clock"].recent_crashes, 3);
  EXPECT_EQ(report["clock"].deaths, 3);
  EXPECT_STREQ(PluginRelaunchPolicy::StateName(State::kCrashLoop), "crash_loop");
}

TEST(PluginRelaunchPolicyTest, ACrashLoopEndsAfterTheWindowOrAReset) {
  PluginRelaunchPolicy policy(Defaults());
  for (int i = 0; i < 3; ++i) policy.OnDeath("clock", kT0 + milliseconds(i));
  ASSERT_EQ(policy.Check("clock", kT0 + seconds(30)).state, State::kCrashLoop);
  // A page asking after the window gets a process, and its next crash is
  // a first one again.
  EXPECT_EQ(policy.Check("clock", kT0 + seconds(31)).state, State::kReady);
  EXPECT_THAT(policy.OnDeath("clock", kT0 + seconds(31)), HasSubstr("at once"));

  for (int i = 0; i < 3; ++i) policy.OnDeath("chart", kT0 + milliseconds(i));
  ASSERT_EQ(policy.Check("chart", kT0 + seconds(1)).state, State::kCrashLoop);
  policy.Reset("chart");  // the user reloaded a tab using it
  EXPECT_EQ(policy.Check("chart", kT0 + seconds(1)).state, State::kReady);
  EXPECT_THAT(policy.OnDeath("chart", kT0 + seconds(1)), HasSubstr("at once"));
}

TEST(PluginRelaunchPolicyTest, FollowsTheConfiguredLoop) {
  PluginRelaunchPolicy policy({milliseconds(0), milliseconds(0), 1, milliseconds(5000)});
  EXPECT_THAT(policy.OnDeath("ppm", kT0), HasSubstr("crash loop: 1 crashes within 5 s"));
  EXPECT_EQ(policy.Check("ppm", kT0 + seconds(5)).state, State::kCrashLoop);
  EXPECT_EQ(policy.Check("ppm", kT0 + milliseconds(5001)).state, State::kReady);
}

}  // namespace
}  // namespace sandtab::browser
