// InputRouter: Chrome's shortcuts, then the focus (task manager, address
// bar, page); clicks to what lies under them.
#include "browser/window/input_router.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "browser/compositor/sad_tab_panel.h"
#include "browser/window/address_bar.h"
#include "browser/window/tab_strip.h"
#include "browser/window/task_manager_panel.h"
#include "browser/window/window_actions.h"
#include "tests/browser/window_test_util.h"

namespace sandtab::browser {
namespace {

using testing::Row;
// Records each action as a word, the way a test reads them back.
class RecordedActions : public WindowActions {
 public:
  std::vector<std::string> log;

  void NewTab() override { log.push_back("new"); }
  void CloseTab(size_t index) override { log.push_back("close " + std::to_string(index)); }
  void CloseActiveTab() override { log.push_back("close active"); }
  void ActivateTab(size_t index) override { log.push_back("activate " + std::to_string(index)); }
  void CycleTab(int delta) override { log.push_back("cycle " + std::to_string(delta)); }
  void Navigate(const std::string& typed) override { log.push_back("navigate " + typed); }
  void Reload() override { log.push_back("reload"); }
  void Back() override { log.push_back("back"); }
  void Forward() override { log.push_back("forward"); }
  void ToggleTaskManager() override {
    log.push_back("task manager");
    if (panel) panel->Toggle();
  }
  void EndSelectedProcess() override { log.push_back("end process"); }
  void PressKeyInPage(const std::string& key) override { log.push_back("key " + key); }
  void ClickPage(int x, int y) override { log.push_back("click " + std::to_string(x) + "," + std::to_string(y)); }
  void ScrollPage(int delta_y) override { log.push_back("scroll " + std::to_string(delta_y)); }
  void MovePointerOnPage(int x, int y) override {
    log.push_back("pointer " + std::to_string(x) + "," + std::to_string(y));
  }
  void ChromeChanged() override {}

  TaskManagerPanel* panel = nullptr;
};

KeyInput Ctrl(const std::string& key, bool shift = false) { return {key, true, shift, false}; }
KeyInput Alt(const std::string& key) { return {key, false, false, true}; }
KeyInput Plain(const std::string& key) { return {key, false, false, false}; }

class InputRouterTest : public ::testing::Test {
 protected:
  InputRouterTest() { actions_.panel = &panel_; }
  InputRouter::Surroundings Around(size_t tabs = 3, bool sad = false) {
    return {WindowLayout::For(1280, 800 + WindowLayout::kChromeHeight), tabs, sad};
  }

  RecordedActions actions_;
  AddressBar address_;
  TaskManagerPanel panel_;
  InputRouter router_{actions_, address_, panel_};
};

TEST_F(InputRouterTest, ChromesShortcuts) {
  router_.OnKey(Ctrl("t"));
  router_.OnKey(Ctrl("w"));
  router_.OnKey(Ctrl("Tab"));
  router_.OnKey(Ctrl("Tab", /*shift=*/true));
  router_.OnKey(Plain("F5"));
  router_.OnKey(Ctrl("r"));
  router_.OnKey(Alt("ArrowLeft"));
  router_.OnKey(Alt("ArrowRight"));
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"new", "close active", "cycle 1", "cycle -1", "reload", "reload",
                                                    "back", "forward"}));
}

TEST_F(InputRouterTest, CtrlLEditsTheAddressBarAndEnterNavigates) {
  address_.ShowUrl("file:///index.html");
  router_.OnKey(Ctrl("l"));
  EXPECT_TRUE(address_.focused());
  router_.OnText({"article.html"});
  router_.OnKey(Plain("Backspace"));
  router_.OnText({"l"});
  EXPECT_TRUE(actions_.log.empty()) << "typing in the address bar reaches no page";
  router_.OnKey(Plain("Enter"));
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"navigate article.html"}));
  EXPECT_FALSE(address_.focused());
}

TEST_F(InputRouterTest, KeysAndTextGoToThePageOneCharacterAtATime) {
  router_.OnText({"+a\xc3\xa9"});
  router_.OnKey(Plain("Enter"));
  router_.OnKey(Plain("ArrowDown"));
  router_.OnKey(Ctrl("q"));  // no shortcut: not the page's either
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"key +", "key a", "key \xc3\xa9", "key Enter", "key ArrowDown"}));
}

TEST_F(InputRouterTest, ShiftEscapeTogglesTheTaskManagerWhichTakesTheKeys) {
  router_.OnKey({"Escape", false, true, false});
  ASSERT_TRUE(panel_.visible());
  panel_.SetRows({Row(10, "browser"), Row(11, "renderer", 1)});
  router_.OnKey(Plain("ArrowDown"));
  EXPECT_EQ(panel_.selected()->pid, 10);
  router_.OnKey(Plain("ArrowDown"));
  EXPECT_EQ(panel_.selected()->pid, 11);
  router_.OnText({"x"});
  router_.OnKey(Plain("Enter"));
  router_.OnKey(Plain("Escape"));
  EXPECT_FALSE(panel_.visible());
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"task manager", "end process", "task manager"}));
}

TEST_F(InputRouterTest, ClicksInThePageArriveInViewportCoordinates) {
  const InputRouter::Surroundings around = Around();
  router_.OnClick({100, around.layout.page.y + 50}, around);
  router_.OnWheel({100, around.layout.page.y + 50, 120}, around.layout);
  router_.OnWheel({100, 5, 120}, around.layout);  // over the tab strip: nothing
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"click 100,50", "scroll 120"}));
}

TEST_F(InputRouterTest, MotionOverThePageGoesToItAndLeavingItIsSaidOnce) {
  const InputRouter::Surroundings around = Around();
  const int top = around.layout.page.y;
  router_.OnMotion({10, top - 5, false}, around);  // over the toolbar: the page never had the pointer
  router_.OnMotion({100, top + 50, false}, around);
  router_.OnMotion({101, top + 52, false}, around);
  router_.OnMotion({101, top - 5, false}, around);  // up into the toolbar
  router_.OnMotion({300, top - 20, false}, around);
  router_.OnMotion({100, top + 10, false}, around);
  router_.OnMotion({0, 0, true}, around);  // out of the window
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"pointer 100,50", "pointer 101,52", "pointer -1,-1",
                                                    "pointer 100,10", "pointer -1,-1"}));
}

TEST_F(InputRouterTest, AfterTheWheelThePointerIsOverAnotherPartOfThePage) {
  const InputRouter::Surroundings around = Around();
  const int top = around.layout.page.y;
  router_.OnWheel({100, top + 50, 120}, around.layout);  // the pointer never came: no move
  router_.OnMotion({100, top + 50, false}, around);
  router_.OnWheel({100, top + 50, 120}, around.layout);
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"scroll 120", "pointer 100,50", "scroll 120", "pointer 100,50"}));
}

TEST_F(InputRouterTest, ASadTabOrTheTaskManagerTakesNoPointer) {
  const int y = Around().layout.page.y + 50;
  router_.OnMotion({100, y, false}, Around());
  router_.OnMotion({100, y, false}, Around(3, /*sad=*/true));
  panel_.Toggle();
  router_.OnMotion({100, y, false}, Around());
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"pointer 100,50", "pointer -1,-1"}));
}

TEST_F(InputRouterTest, ClicksOnTheChrome) {
  const InputRouter::Surroundings around = Around(3);
  const WindowLayout& layout = around.layout;
  const TabStrip strip(layout.tab_strip, 3);
  router_.OnClick({strip.TabRect(2).x + 4, 20}, around);
  const UiRect close = strip.CloseRect(0);
  router_.OnClick({close.x + 3, close.y + 3}, around);
  router_.OnClick({strip.NewTabRect().x + 3, strip.NewTabRect().y + 3}, around);
  router_.OnClick({layout.back.x + 3, layout.back.y + 3}, around);
  router_.OnClick({layout.forward.x + 3, layout.forward.y + 3}, around);
  router_.OnClick({layout.reload.x + 3, layout.reload.y + 3}, around);
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"activate 2", "close 0", "new", "back", "forward", "reload"}));
  router_.OnClick({layout.address.x + 30, layout.address.y + 5}, around);
  EXPECT_TRUE(address_.focused());
  router_.OnClick({200, layout.page.y + 200}, around);
  EXPECT_FALSE(address_.focused()) << "a click elsewhere ends the editing";
}

TEST_F(InputRouterTest, ASadTabTakesOnlyItsReloadButton) {
  const InputRouter::Surroundings around = Around(1, /*sad=*/true);
  const UiRect& page = around.layout.page;
  const UiRect reload = SadTabPanel::LayoutFor(page.width, page.height, true).reload;
  router_.OnClick({page.x + 5, page.y + 5}, around);
  router_.OnClick({page.x + reload.x + 5, page.y + reload.y + 5}, around);
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"reload"}));
}

TEST_F(InputRouterTest, TheTaskManagerPanelTakesItsClicks) {
  const InputRouter::Surroundings around = Around();
  router_.OnKey({"Escape", false, true, false});
  panel_.SetRows({Row(10, "browser"), Row(11, "renderer", 1)});
  const TaskManagerPanel::Layout layout = TaskManagerPanel::LayoutFor(around.layout.page, 2);
  router_.OnClick({layout.first_row.x + 5, layout.first_row.y + TaskManagerPanel::kRowHeight + 5}, around);
  EXPECT_EQ(panel_.selected()->pid, 11);
  router_.OnClick({layout.end_process.x + 5, layout.end_process.y + 5}, around);
  router_.OnClick({layout.panel.x + 5, layout.panel.bottom() - 5}, around);  // inside, on nothing
  EXPECT_EQ(actions_.log, (std::vector<std::string>{"task manager", "end process"}));
}

}  // namespace
}  // namespace sandtab::browser
