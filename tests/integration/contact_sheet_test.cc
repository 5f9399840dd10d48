// `screenshot all` with more tabs than the surface budget: tabs in the
// background have released their pixels, and the sheet brings them back a
// batch at a time, draws each tab's own page into its own cell, and gives
// the surfaces back, so the budget still holds when it answers.
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

using sandtab::test::ToJsonText;
using sandtab::test::ToString;

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

}  // namespace
}  // namespace sandtab::integration
