// `screenshot all` with more tabs than the surface budget: tabs in the
// background have released their pixels, and the sheet brings them back a
// batch at a time, draws each tab's own page into its own cell, and gives
// the surfaces back, so the budget still holds when it answers.
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class ContactSheetTest : public ShellTest {};

int SurfacesHeld(const std::vector<Json>& tabs) {
  int held = 0;
  for (const Json& tab : tabs) held += tab.get<std::string>("surface") == "held" ? 1 : 0;
  return held;
}

TEST_F(ContactSheetTest, EveryTabIsDrawnIntoItsOwnCellAndTheSurfaceBudgetStillHoldsAfterwards) {
  constexpr int kBudget = 2;
  StartShell({"--max-surfaces=" + std::to_string(kBudget)});
  const PageFacts pages[] = {kIndex, kArticle, kTable, kFonts, kIndex, kArticle};
  for (const PageFacts& page : pages) Open(page.file);
  // The budget timer (every second) sends the four least recently used
  // tabs' surfaces back.
  ASSERT_TRUE(PollUntil([&] { return SurfacesHeld(Tabs()) == kBudget; }, 5s)) << ToJsonText(Ok("tabs"));

  const std::string path = TempPath("sheet.png");
  Json answer = Ok("screenshot all " + path, 30s);
  EXPECT_EQ(answer.get<int>("tabs"), 6) << ToJsonText(answer);
  EXPECT_EQ(answer.get<int>("blank"), 0) << ToJsonText(answer);
  // Brought back, drawn and released again: no more than the budget held.
  EXPECT_LE(SurfacesHeld(Tabs()), kBudget) << ToJsonText(Ok("tabs"));

  std::string error;
  std::optional<Image> sheet = sandtab::test::ReadPng(path, &error);
  ASSERT_TRUE(sheet.has_value()) << error;
  // Six tabs: a grid of 3 columns and 2 rows of half-size thumbnails
  // (contact_sheet.h), each 8 pixels apart under a 28-pixel label.
  ASSERT_EQ(sheet->width, 3 * (640 + 8) + 8);
  ASSERT_EQ(sheet->height, 2 * (28 + 400 + 8) + 8);
  for (int i = 0; i < 6; ++i) {
    const int x = 8 + (i % 3) * (640 + 8), y = 8 + (i / 3) * (28 + 400 + 8) + 28;
    // The page's marker block at half size: its centre, (120, 70) / 2.
    const Rgba centre = sheet->At(x + kBlockCentreX / 2, y + kBlockCentreY / 2);
    EXPECT_EQ(centre, pages[i].block) << "cell " << i << " (" << pages[i].file << "): " << ToString(centre);
  }
}

// The surface budget itself (TabManager::EnforceSurfaceBudget).
class SurfaceBudgetTest : public ShellTest {};

// By default only the tab used last keeps its pixel buffers; Chrome keeps
// the last frame of at most five hidden tabs, and so does the browser, as
// saved frames (compressed, in its own memory; browser_config.h).
TEST_F(SurfaceBudgetTest, OneTabKeepsItsPixelsAndFiveTheirLastFrameByDefault) {
  StartShell();
  for (int i = 0; i < 8; ++i) Open(kIndex.file);
  Json budgets;
  ASSERT_TRUE(PollUntil(
      [&] {
        budgets = Ok("stats").get_child("budgets");
        return budgets.get<int>("surfaces_held.used") == 1 && budgets.get<int>("saved_frames.used") == 5;
      },
      5s))
      << ToJsonText(Ok("tabs")) << ToJsonText(budgets);
  EXPECT_EQ(SurfacesHeld(Tabs()), 1) << "`tabs` agrees with `stats`: " << ToJsonText(Ok("tabs"));
  EXPECT_EQ(budgets.get<int>("surfaces_held.bound"), 1);
  EXPECT_EQ(budgets.get<int>("saved_frames.bound"), 5);
  // Seven tabs' pixels went back: what stays shared is the one tab's two
  // buffers (and the spare's).
  const Json stats = Ok("stats");
  const long surface = 1280L * 800 * 4 * 2;
  EXPECT_LE(stats.get<long>("shared_bytes"), 2 * surface) << ToJsonText(stats);
}

// A tab that gave its pixels back and is navigated (reload, nav) gets a
// surface again before its renderer loads the page: the renderer stays, and
// nothing is recorded as a crash. (It used to stop on "document before
// surface", exit 0, and come back as a restart counted against the tab.)
TEST_F(SurfaceBudgetTest, AReleasedTabThatNavigatesKeepsItsRendererAndLoads) {
  StartShell({"--max-surfaces=1"});
  const TabRef first = Open(kIndex.file);
  const TabRef second = Open(kArticle.file);  // used last: the one that keeps its pixels
  auto released = [](const Json& tab) { return tab.get<std::string>("surface") == "released"; };
  auto loaded = [](const Json& tab) { return tab.get<std::string>("state") == "loaded"; };
  WaitForTab(first.id, released, 5s, "the first tab's pixels released by the budget");
  Ok("reload " + std::to_string(first.id));
  // Polled through `tabs`, not `wait` (which would bring the pixels back itself).
  Json tab = WaitForTab(first.id, loaded, 10s, "the released tab loaded again after reload");
  EXPECT_EQ(tab.get<pid_t>("pid"), first.pid) << ToJsonText(tab);
  EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
  // The reload used the first tab: now the second is the one to give back.
  WaitForTab(second.id, released, 5s, "the second tab's pixels released");
  Ok("nav " + std::to_string(second.id) + " " + kTable.file);
  tab = WaitForTab(second.id, loaded, 10s, "the released tab loaded after nav");
  EXPECT_EQ(tab.get<std::string>("title"), kTable.title) << ToJsonText(tab);
  EXPECT_EQ(tab.get<pid_t>("pid"), second.pid) << ToJsonText(tab);
  EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty()) << ToJsonText(Ok("deaths"));
}

// A fault sent to a tab in the background does what it does in view: the
// tab gets its pixels back first, since a frame into a released surface is
// stale rather than hostile and about:badmessage would be ignored (the tab
// was left "loading" for good; the chaos run found it at six surfaces).
TEST_F(SurfaceBudgetTest, ABadMessageFromAReleasedTabIsStillABadMessage) {
  StartShell({"--max-surfaces=1"});
  const TabRef first = Open(kIndex.file);
  Open(kArticle.file);
  WaitForTab(
      first.id, [](const Json& tab) { return tab.get<std::string>("surface") == "released"; }, 5s,
      "the first tab's pixels released by the budget");
  Ok("debug " + std::to_string(first.id) + " about:badmessage");
  const Json tab = WaitForRestart(first.id, first.pid);
  EXPECT_EQ(tab.get<std::string>("last_death.cause"), "bad_message") << ToJsonText(tab);
}

}  // namespace
}  // namespace sandtab::integration
