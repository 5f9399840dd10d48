// TabActivity: what the surface budget and the background throttling
// decide a tab by.
#include "browser/tab/tab_activity.h"

#include <gtest/gtest.h>

#include <thread>

namespace sandtab::browser {
namespace {

TEST(TabActivityTest, ANewTabIsShownUnpinnedAndUsedWhenMade) {
  const auto before = TabActivity::Clock::now();
  TabActivity activity;
  EXPECT_FALSE(activity.hidden());
  EXPECT_FALSE(activity.pinned());
  EXPECT_GE(activity.last_used(), before);
  EXPECT_LE(activity.last_used(), TabActivity::Clock::now());
}

TEST(TabActivityTest, AUseMovesTheTabLaterThanOneUsedBefore) {
  TabActivity older, newer;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  newer.MarkUsed();
  EXPECT_LT(older.last_used(), newer.last_used()) << "the surface budget would release the wrong one first";
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  older.MarkUsed();
  EXPECT_GT(older.last_used(), newer.last_used());
}

TEST(TabActivityTest, HidingSaysWhetherItChangedAnything) {
  TabActivity activity;
  EXPECT_TRUE(activity.SetHidden(true));
  EXPECT_TRUE(activity.hidden());
  EXPECT_FALSE(activity.SetHidden(true)) << "the renderer would be told twice";
  EXPECT_TRUE(activity.SetHidden(false));
  EXPECT_FALSE(activity.hidden());
  EXPECT_FALSE(activity.SetHidden(false));
}

TEST(TabActivityTest, APinHoldsUntilLetGo) {
  TabActivity activity;
  activity.Pin(true);
  EXPECT_TRUE(activity.pinned());
  activity.MarkUsed();
  EXPECT_TRUE(activity.pinned()) << "a use let go of the pin";
  activity.Pin(false);
  EXPECT_FALSE(activity.pinned());
}

}  // namespace
}  // namespace sandtab::browser
