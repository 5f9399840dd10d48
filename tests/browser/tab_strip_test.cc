// TabStrip and WindowLayout: the geometry that drawing and clicks share.
#include "browser/window/tab_strip.h"

#include <gtest/gtest.h>

#include "browser/window/window_layout.h"

namespace sandtab::browser {
namespace {

TEST(WindowLayoutTest, ThePageIsTheWindowLessTheChrome) {
  const WindowLayout layout = WindowLayout::For(1280, 800 + WindowLayout::kChromeHeight);
  EXPECT_EQ(layout.page.width, 1280);
  EXPECT_EQ(layout.page.height, 800);
  EXPECT_EQ(layout.page.y, layout.toolbar.bottom());
  EXPECT_EQ(layout.status.y, layout.page.bottom());
  EXPECT_EQ(layout.status.bottom(), layout.height);
  EXPECT_LT(layout.back.right(), layout.forward.x);
  EXPECT_LT(layout.reload.right(), layout.address.x);
  EXPECT_EQ(layout.address.right(), 1280 - 10);
}

TEST(WindowLayoutTest, ATinyWindowKeepsAPage) {
  const WindowLayout layout = WindowLayout::For(10, 10);
  EXPECT_GE(layout.page.height, WindowLayout::kMinPageHeight);
  EXPECT_GE(layout.width, WindowLayout::kMinWidth);
}

TEST(TabStripTest, TabsShareTheWidthUpToTheWidest) {
  const UiRect area{0, 0, 1280, 34};
  TabStrip few(area, 2);
  EXPECT_EQ(few.TabRect(0).width, TabStrip::kMaxTabWidth);
  EXPECT_EQ(few.TabRect(1).x, few.TabRect(0).right());
  TabStrip many(area, 40);
  EXPECT_LT(many.TabRect(0).width, TabStrip::kMaxTabWidth);
  EXPECT_LE(many.NewTabRect().right(), area.right());
}

TEST(TabStripTest, HitsTheCloseButtonBeforeItsTab) {
  TabStrip strip({0, 0, 1000, 34}, 3);
  const UiRect close = strip.CloseRect(1);
  EXPECT_TRUE(strip.TabRect(1).Contains(close.x, close.y));
  TabStrip::Hit hit = strip.HitTest(close.x + 2, close.y + 2);
  EXPECT_EQ(hit.part, TabStrip::Part::kClose);
  EXPECT_EQ(hit.index, 1u);
  hit = strip.HitTest(strip.TabRect(2).x + 5, 20);
  EXPECT_EQ(hit.part, TabStrip::Part::kTab);
  EXPECT_EQ(hit.index, 2u);
  const UiRect plus = strip.NewTabRect();
  EXPECT_EQ(strip.HitTest(plus.x + 3, plus.y + 3).part, TabStrip::Part::kNewTab);
  EXPECT_EQ(strip.HitTest(990, 20).part, TabStrip::Part::kNone);
}

TEST(TabStripTest, NoTabsLeavesOnlyTheNewTabButton) {
  TabStrip strip({0, 0, 800, 34}, 0);
  const UiRect plus = strip.NewTabRect();
  EXPECT_EQ(strip.HitTest(plus.x + 2, plus.y + 2).part, TabStrip::Part::kNewTab);
  EXPECT_EQ(strip.HitTest(400, 20).part, TabStrip::Part::kNone);
}

}  // namespace
}  // namespace sandtab::browser
