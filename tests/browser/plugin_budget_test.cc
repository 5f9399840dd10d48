// PluginBudget is pure: every test drives it with time points it makes up.
// Each rule is checked at its edge: the last instance that fits, and the
// first one refused (with a reason that names the rule).
#include "browser/plugins/plugin_budget.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const PluginBudget::Clock::time_point kT0 = PluginBudget::Clock::time_point{} + std::chrono::hours(1000);
constexpr int kSide = 4096;  // the largest instance: 16 Mpx

TEST(PluginBudgetTest, DefaultsAreTheNamedBounds) {
  PluginBudget budget;
  EXPECT_EQ(budget.limits().pixels_per_tab, kMaxPluginPixelsPerTab);
  EXPECT_EQ(budget.limits().instances_per_tab, kMaxPluginInstancesPerTab);
  EXPECT_EQ(budget.limits().pixels_total, kMaxPluginPixelsTotal);
  EXPECT_EQ(budget.limits().instances_per_process, kMaxPluginInstancesPerProcess);
  EXPECT_EQ(budget.limits().surface_bytes_per_process, kMaxPluginSurfaceBytesPerProcess);
  EXPECT_LT(kMaxPluginSurfaceBytesPerProcess, sandbox::kAddressSpaceLimit);
}

TEST(PluginBudgetTest, PixelsPerTabRefuseTheInstanceThatWouldGoOver) {
  PluginBudget budget;
  // 32 Mpx a tab: two of the largest fit, the third does not.
  EXPECT_THAT(budget.Charge(1, "clock", kSide, kSide, kT0), IsEmpty());
  EXPECT_THAT(budget.Charge(1, "clock", kSide, kSide, kT0), IsEmpty());
  EXPECT_THAT(budget.Charge(1, "clock", 1, 1, kT0), HasSubstr("per tab"));
  EXPECT_THAT(budget.Charge(1, "chart", kSide, kSide, kT0), HasSubstr("32.0 Mpx per tab"));
  EXPECT_EQ(budget.tab(1).instances, 2);
  EXPECT_EQ(budget.tab(1).pixels, 2 * int64_t{kSide} * kSide);
  EXPECT_EQ(budget.refused(), 2u);
  // Another tab has its own share.
  EXPECT_THAT(budget.Charge(2, "clock", kSide, kSide, kT0), IsEmpty());
  // Released, the tab's share is back.
  budget.Release(1, "clock", kSide, kSide);
  EXPECT_THAT(budget.Charge(1, "clock", kSide, kSide, kT0), IsEmpty());
  EXPECT_EQ(budget.surface_bytes("clock"), 3 * uint64_t{kSide} * kSide * kPluginSurfaceBytesPerPixel);
}

TEST(PluginBudgetTest, InstancesPerTab) {
  PluginBudget budget;
  for (int i = 0; i < kMaxPluginInstancesPerTab; ++i) ASSERT_THAT(budget.Charge(1, "clock", 10, 10, kT0), IsEmpty());
  EXPECT_THAT(budget.Charge(1, "chart", 10, 10, kT0), HasSubstr("plugin instances (at most 32 per tab)"));
  EXPECT_THAT(budget.Charge(2, "chart", 10, 10, kT0), IsEmpty());
}

TEST(PluginBudgetTest, PixelsInAllTabs) {
  PluginBudget budget;
  // 128 Mpx in all: eight of the largest, two per tab.
  for (int tab = 1; tab <= 4; ++tab) {
    for (const char* type : {"clock", "chart"}) ASSERT_THAT(budget.Charge(tab, type, kSide, kSide, kT0), IsEmpty());
  }
  EXPECT_THAT(budget.Charge(5, "ppm", 1, 1, kT0), HasSubstr("in all"));
  EXPECT_EQ(budget.total().pixels, kMaxPluginPixelsTotal);
  budget.Release(3, "chart", kSide, kSide);
  EXPECT_THAT(budget.Charge(5, "ppm", kSide, kSide, kT0), IsEmpty());
}

TEST(PluginBudgetTest, SurfaceBytesPerProcessStayBelowItsAddressSpace) {
  // Limits under which only the per-process rule binds.
  PluginBudget budget({.pixels_per_tab = int64_t{1} << 40,
                       .instances_per_tab = 1000,
                       .pixels_total = int64_t{1} << 40,
                       .instances_per_process = 1000,
                       .surface_bytes_per_process = 3 * uint64_t{kSide} * kSide * kPluginSurfaceBytesPerPixel,
                       .creation_burst = 1000,
                       .creations_per_second = 1});
  for (int tab = 1; tab <= 3; ++tab) ASSERT_THAT(budget.Charge(tab, "clock", kSide, kSide, kT0), IsEmpty());
  EXPECT_THAT(budget.Charge(4, "clock", 1, 1, kT0), HasSubstr("the clock plugin process would map"));
  // Another type is another process.
  EXPECT_THAT(budget.Charge(4, "chart", kSide, kSide, kT0), IsEmpty());
}

TEST(PluginBudgetTest, InstancesPerProcess) {
  PluginBudget budget({.instances_per_tab = 1000, .instances_per_process = 3});
  for (int tab = 1; tab <= 3; ++tab) ASSERT_THAT(budget.Charge(tab, "clock", 10, 10, kT0), IsEmpty());
  EXPECT_THAT(budget.Charge(4, "clock", 10, 10, kT0), HasSubstr("serves 3 instances (at most 3)"));
  budget.Release(2, "clock", 10, 10);
  EXPECT_THAT(budget.Charge(4, "clock", 10, 10, kT0), IsEmpty());
}

TEST(PluginBudgetTest, CreationsPerTabAreABurstThenARate) {
  PluginBudget budget;
  // A renderer alternating params: each change destroys and creates.
  for (int i = 0; i < kPluginCreationBurst; ++i) {
    ASSERT_THAT(budget.Charge(1, "clock", 10, 10, kT0), IsEmpty()) << i;
    budget.Release(1, "clock", 10, 10);
  }
  EXPECT_THAT(budget.Charge(1, "clock", 10, 10, kT0), HasSubstr("too fast"));
  // Other tabs are not slowed by it.
  EXPECT_THAT(budget.Charge(2, "clock", 10, 10, kT0), IsEmpty());
  // A second later, 16 more.
  const auto later = kT0 + milliseconds(1000);
  for (int i = 0; i < kPluginCreationsPerSecond; ++i) {
    ASSERT_THAT(budget.Charge(1, "clock", 10, 10, later), IsEmpty()) << i;
    budget.Release(1, "clock", 10, 10);
  }
  EXPECT_THAT(budget.Charge(1, "clock", 10, 10, later), HasSubstr("too fast"));
  // Refused attempts spent nothing but the token: nothing is charged.
  EXPECT_EQ(budget.tab(1).instances, 0);
  EXPECT_EQ(budget.total().instances, 1);  // tab 2's
}

TEST(PluginBudgetTest, ReleaseForgetsEmptyTabs) {
  PluginBudget budget;
  ASSERT_THAT(budget.Charge(7, "ppm", 10, 10, kT0), IsEmpty());
  EXPECT_EQ(budget.tabs().size(), 1u);
  budget.Release(7, "ppm", 10, 10);
  EXPECT_TRUE(budget.tabs().empty());
  EXPECT_EQ(budget.total().instances, 0);
  EXPECT_EQ(budget.total().pixels, 0);
  EXPECT_EQ(budget.surface_bytes("ppm"), 0u);
}

}  // namespace
}  // namespace sandtab::browser
