// Input and history: a click on a link navigates, back/forward walk the
// history, titles follow the page, scrolling moves the pixels.
#include <algorithm>
#include <thread>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class NavigationTest : public ShellTest {
 protected:
  // Waits until the tab shows `page` (URL ends with its file, loaded, its
  // title), then checks its marker block on screen.
  void ExpectShows(int id, const PageFacts& page) {
    SCOPED_TRACE(page.file);
    std::string suffix = std::string("/") + page.file;
    Json tab = WaitForTab(
        id,
        [&](const Json& t) {
          std::string url = t.get<std::string>("url");
          return url.size() >= suffix.size() && url.compare(url.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                 t.get<std::string>("state") == "loaded";
        },
        10s, std::string("showing ") + page.file);
    Ok("wait " + std::to_string(id) + " 10", 20s);
    tab = Tab(id);
    EXPECT_EQ(tab.get<std::string>("title"), page.title) << ToJsonText(tab);
    EXPECT_EQ(Screenshot(id).At(kBlockCentreX, kBlockCentreY), page.block);
  }
};

TEST_F(NavigationTest, ClickOnALinkNavigatesAndBackForwardWalkTheHistory) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  std::string id = std::to_string(tab.id);
  ExpectShows(tab.id, kIndex);

  // pages/README.md: the "An article" link is around (100, 335) at 1280x800.
  Ok("click " + id + " 100 335");
  ExpectShows(tab.id, kArticle);
  // Navigation stays in the tab's renderer (same site, no crash).
  EXPECT_EQ(Tab(tab.id).get<int>("crashes"), 0);

  Ok("back " + id);
  ExpectShows(tab.id, kIndex);
  Ok("forward " + id);
  ExpectShows(tab.id, kArticle);

  // nav, then back twice reaches the start; a third back has nowhere to go.
  Ok("nav " + id + " " + kTable.file);
  ExpectShows(tab.id, kTable);
  Ok("back " + id);
  ExpectShows(tab.id, kArticle);
  Ok("back " + id);
  ExpectShows(tab.id, kIndex);
  EXPECT_TRUE(IsError(Cmd("back " + id)));
  // A new navigation drops the forward history.
  Ok("nav " + id + " " + kFonts.file);
  ExpectShows(tab.id, kFonts);
  EXPECT_TRUE(IsError(Cmd("forward " + id)));
}

TEST_F(NavigationTest, ClickOutsideAnyLinkDoesNotNavigate) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  Ok("click " + std::to_string(tab.id) + " 1000 700");
  std::this_thread::sleep_for(300ms);
  Ok("wait " + std::to_string(tab.id) + " 10");
  Json now = Tab(tab.id);
  EXPECT_EQ(now.get<std::string>("title"), kIndex.title) << ToJsonText(now);
}

TEST_F(NavigationTest, ReloadKeepsTheUrlAndRepaints) {
  StartShell();
  TabRef tab = Open(kTable.file);
  std::string url = Tab(tab.id).get<std::string>("url");
  Ok("reload " + std::to_string(tab.id));
  ExpectShows(tab.id, kTable);
  EXPECT_EQ(Tab(tab.id).get<std::string>("url"), url);
}

TEST_F(NavigationTest, ScrollMovesThePixels) {
  StartShell();
  // article.html is taller than 800 px at 1280x800.
  TabRef tab = Open(kArticle.file);
  std::string id = std::to_string(tab.id);
  Image before = Screenshot(tab.id);
  ASSERT_EQ(before.At(kBlockCentreX, kBlockCentreY), kArticle.block);

  Ok("scroll " + id + " 30");
  Json scrolled = WaitForTab(
      tab.id, [](const Json& t) { return t.get<int>("scroll_y", 0) > 0; }, 10s, "scroll_y > 0");
  int dy = scrolled.get<int>("scroll_y");
  ASSERT_LE(dy, 30);
  Image after;
  ASSERT_TRUE(PollUntil(
      [&] {
        after = Screenshot(tab.id);
        return after.CountDifferent(before) > 0;
      },
      5s))
      << "screenshot unchanged after scroll";
  // The block moved up by exactly scroll_y.
  EXPECT_EQ(after.At(kBlockCentreX, std::max(0, kBlockY0 - dy)), kArticle.block);
  EXPECT_EQ(after.At(kBlockCentreX, kBlockY1 - dy - 1), kArticle.block);
  EXPECT_NE(after.At(kBlockCentreX, kBlockY1 - dy + 1), kArticle.block);

  // Scrolling back to the top restores the first picture.
  Ok("scroll " + id + " -1000");
  WaitForTab(
      tab.id, [](const Json& t) { return t.get<int>("scroll_y", -1) == 0; }, 10s, "scroll_y back to 0");
  Image top;
  EXPECT_TRUE(PollUntil(
      [&] {
        top = Screenshot(tab.id);
        return top.CountDifferent(before) == 0;
      },
      5s))
      << top.CountDifferent(before) << " pixels differ from the unscrolled page";
}

}  // namespace
}  // namespace sandtab::integration
