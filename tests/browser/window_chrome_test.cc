// WindowChrome, SadTabPanel and TaskManagerPanel drawn into an image
// surface, checked by their pixels.
#include "browser/window/window_chrome.h"

#include <gtest/gtest.h>

#include "browser/compositor/sad_tab_panel.h"
#include "browser/window/address_bar.h"
#include "browser/window/tab_strip.h"
#include "browser/window/task_manager_panel.h"
#include "tests/browser/window_test_util.h"

namespace sandtab::browser {
namespace {

using testing::Canvas;
using testing::kGreen;
using testing::kWhite;
using testing::Row;

constexpr int kWidth = 900;
constexpr int kHeight = 300 + WindowLayout::kChromeHeight;

class WindowChromeTest : public ::testing::Test {
 protected:
  WindowChromeTest() {
    model_.tabs = {{"sandtab: Welcome", false, false}, {"Loading", true, false}, {"Dead", false, true}};
    model_.active = 0;
    model_.address = &address_;
    model_.status = "loaded  |  renderer pid 42";
    address_.ShowUrl("file:///pages/index.html");
  }
  void Draw() { WindowChrome::Draw(canvas_.cr(), layout_, model_); }

  Canvas canvas_{kWidth, kHeight};
  WindowLayout layout_ = WindowLayout::For(kWidth, kHeight);
  AddressBar address_;
  ChromeModel model_;
};

TEST_F(WindowChromeTest, DrawsEveryPartAndLeavesThePageAlone) {
  Draw();
  EXPECT_EQ(canvas_.Count(0, layout_.page.y, kWidth, layout_.page.bottom(), kGreen),
            layout_.page.width * layout_.page.height)
      << "the page area is the compositor's";
  EXPECT_EQ(canvas_.Count(0, 0, kWidth, layout_.page.y, kGreen), 0);
  EXPECT_EQ(canvas_.Count(0, layout_.status.y, kWidth, kHeight, kGreen), 0);
}

TEST_F(WindowChromeTest, TheActiveTabIsWhiteAndTheOthersAreNot) {
  Draw();
  const TabStrip strip(layout_.tab_strip, 3);
  const UiRect active = strip.TabRect(0), other = strip.TabRect(1);
  EXPECT_EQ(canvas_.At(active.x + 4, active.bottom() - 3), kWhite);
  EXPECT_NE(canvas_.At(other.x + 4, other.bottom() - 6), kWhite);
  model_.active = 1;
  Draw();
  EXPECT_NE(canvas_.At(active.x + 4, active.bottom() - 6), kWhite);
  EXPECT_EQ(canvas_.At(other.x + 4, other.bottom() - 3), kWhite);
}

TEST_F(WindowChromeTest, ASpinnerWhileLoadingAndACrashedMark) {
  Draw();
  const TabStrip strip(layout_.tab_strip, 3);
  auto icon = [&](size_t i) { return UiRect{strip.TabRect(i).x + 6, strip.TabRect(i).y + 4, 22, 24}; };
  const UiRect plain = icon(0), loading = icon(1), crashed = icon(2);
  EXPECT_EQ(canvas_.CountBlue(plain.x, plain.y, plain.right(), plain.bottom()), 0);
  EXPECT_GT(canvas_.CountBlue(loading.x, loading.y, loading.right(), loading.bottom()), 10) << "the spinner";
  EXPECT_GT(canvas_.CountReddish(crashed.x, crashed.y, crashed.right(), crashed.bottom()), 40) << "the mark";
  EXPECT_EQ(canvas_.CountReddish(plain.x, plain.y, plain.right(), plain.bottom()), 0);
}

TEST_F(WindowChromeTest, TheSpinnerTurns) {
  const TabStrip strip(layout_.tab_strip, 3);
  const UiRect icon{strip.TabRect(1).x + 6, strip.TabRect(1).y + 4, 22, 24};
  Draw();
  std::vector<uint32_t> before;
  for (int y = icon.y; y < icon.bottom(); ++y) before.push_back(canvas_.At(icon.x + 10, y));
  model_.spinner_phase = 3;
  Draw();
  std::vector<uint32_t> after;
  for (int y = icon.y; y < icon.bottom(); ++y) after.push_back(canvas_.At(icon.x + 10, y));
  EXPECT_NE(before, after);
}

TEST_F(WindowChromeTest, AFocusedAddressBarHasARingAndASelection) {
  const UiRect& box = layout_.address;
  Draw();
  EXPECT_EQ(canvas_.CountBlue(box.x, box.y, box.right(), box.y + 2), 0);
  address_.Focus();
  Draw();
  EXPECT_GT(canvas_.CountBlue(box.x, box.y, box.right(), box.y + 3), box.width) << "the focus ring";
  // The selection's light blue behind the text.
  EXPECT_GT(canvas_.CountNear(box.x + 10, box.y + 8, box.x + 60, box.bottom() - 8, 0xffb5d4fc, 2), 50);
}

TEST_F(WindowChromeTest, TheCaptionIsADarkBandAtTheBottomOfThePage) {
  WindowChrome::DrawCaption(canvas_.cr(), layout_.page, "");
  EXPECT_EQ(canvas_.At(5, layout_.page.bottom() - 5), kGreen) << "no caption, no band";
  WindowChrome::DrawCaption(canvas_.cr(), layout_.page, "Step 1: three tabs");
  const uint32_t band = canvas_.At(5, layout_.page.bottom() - 5);
  EXPECT_LT((band >> 8) & 0xff, 0x40) << std::hex << band;
  EXPECT_EQ(canvas_.At(5, layout_.page.bottom() - 45), kGreen);
}

TEST(SadTabPanelTest, DimsThePageUnderABoxWithItsReloadButton) {
  Canvas canvas(800, 500);
  SadTabPanel::Draw(canvas.cr(), 800, 500, "killed by SIGSEGV", "restarted", /*reload_button=*/true);
  const SadTabPanel::Layout layout = SadTabPanel::LayoutFor(800, 500, true);
  ASSERT_FALSE(layout.reload.empty());
  EXPECT_TRUE(layout.box.Contains(layout.reload.x, layout.reload.y));
  const uint32_t dimmed = canvas.At(5, 5);
  EXPECT_NE(dimmed, kGreen);
  EXPECT_LT((dimmed >> 8) & 0xff, 0x80) << "the page under it is dimmed";
  EXPECT_GT(canvas.CountBlue(layout.reload.x, layout.reload.y, layout.reload.right(), layout.reload.bottom()),
            layout.reload.width * layout.reload.height / 2);
  EXPECT_GT(canvas.CountReddish(layout.box.x, layout.box.y, layout.box.right(), layout.box.y + 50), 20) << "the title";
}

TEST(SadTabPanelTest, ScreenshotsHaveNoButton) {
  Canvas canvas(800, 500);
  SadTabPanel::Draw(canvas.cr(), 800, 500, "hung", "", /*reload_button=*/false);
  const SadTabPanel::Layout layout = SadTabPanel::LayoutFor(800, 500, false);
  EXPECT_TRUE(layout.reload.empty());
  EXPECT_EQ(canvas.CountBlue(layout.box.x, layout.box.y, layout.box.right(), layout.box.bottom()), 0);
}

TEST(TaskManagerPanelTest, SelectionFollowsThePidAcrossRefreshes) {
  TaskManagerPanel panel;
  panel.SetRows({Row(10, "browser"), Row(11, "renderer", 1), Row(12, "renderer", 2)});
  panel.Select(1);
  panel.SetRows({Row(10, "browser"), Row(9, "zygote"), Row(11, "renderer", 1)});
  ASSERT_TRUE(panel.selected());
  EXPECT_EQ(panel.selected()->pid, 11);
  panel.SetRows({Row(10, "browser")});
  EXPECT_FALSE(panel.selected()) << "its process is gone";
  panel.SelectPrevious();
  EXPECT_EQ(panel.selected()->pid, 10);
}

TEST(TaskManagerPanelTest, DrawsItsRowsAndHighlightsTheSelectedOne) {
  const UiRect page{0, 0, 800, 400};
  Canvas canvas(800, 400);
  TaskManagerPanel panel;
  TaskRow renderer = Row(11, "renderer", 1);
  renderer.memory_kib = 4096;
  renderer.state = "loaded";
  renderer.sandboxed = true;
  panel.SetRows({Row(10, "browser"), renderer});
  panel.Draw(canvas.cr(), page);
  const TaskManagerPanel::Layout layout = TaskManagerPanel::LayoutFor(page, 2);
  const UiRect second{layout.first_row.x, layout.first_row.y + TaskManagerPanel::kRowHeight, layout.first_row.width,
                      TaskManagerPanel::kRowHeight};
  const int highlighted = canvas.CountNear(second.x, second.y, second.right(), second.bottom(), 0xffbfd9fa, 2);
  EXPECT_EQ(highlighted, 0);
  EXPECT_LT(canvas.Count(second.x, second.y, second.right(), second.bottom(), kWhite), second.width * second.height)
      << "the row's text";
  panel.Select(1);
  panel.Draw(canvas.cr(), page);
  EXPECT_GT(canvas.CountNear(second.x, second.y, second.right(), second.bottom(), 0xffbfd9fa, 2),
            second.width * second.height / 2);
  EXPECT_EQ(canvas.At(5, 395), kGreen) << "the page around the panel stays";
}

}  // namespace
}  // namespace sandtab::browser
