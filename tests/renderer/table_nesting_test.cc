// Tables nested deeper than kMaxNestedTables are laid out as blocks
// (renderer/page/css/css_element.h): litehtml 0.6's cost grows ~3x with each
// level, and 20 nested tables hung the renderer. Checked in pixels: each
// table of the nest has a 4x4 blue cell on the left of the cell that holds
// the next table, so the tables laid out as tables step 4 px to the right
// and those past the limit stack below.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "renderer/page/css/css_element.h"
#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr char kUrl[] = "http://example.test/tables.html";
constexpr uint32_t kBlue = 0x0000ff;
constexpr uint32_t kWhite = 0xffffff;
constexpr int kStep = 4;

// `depth` nested tables (or `display: table` divs), each: [blue 4x4][next].
std::string NestedTables(int depth, bool divs = false) {
  const std::string table = divs ? "<div style='display:table;border-spacing:0'>" : "<table style='border-spacing:0'>";
  const std::string row = divs ? "<div style='display:table-row'>" : "<tr>";
  const std::string cell = divs ? "<div style='display:table-cell;padding:0" : "<td style='padding:0";
  const std::string end_cell = divs ? "</div>" : "</td>";
  const std::string end_row_table = divs ? "</div></div>" : "</tr></table>";
  std::string html = "<body style='margin:0'>";
  for (int i = 0; i < depth; ++i) {
    html += table + row + cell + ";width:4px;height:4px;background:blue'>" + end_cell + cell + "'>";
  }
  html += "<div style='width:4px;height:4px'></div>";
  for (int i = 0; i < depth; ++i) html += end_cell + end_row_table;
  return html;
}

TEST(TableNesting, TablesUpToTheLimitAreTablesAndDeeperOnesStack) {
  constexpr int kDepth = kMaxNestedTables + 3;
  Canvas canvas(200, 100);
  Page page(NestedTables(kDepth), kUrl, 200, 100);
  canvas.Paint(&page);
  // Tables 1..limit side by side, each 4 px right of the one it is in.
  for (int level = 0; level < kMaxNestedTables; ++level) {
    SCOPED_TRACE(level);
    EXPECT_EQ(canvas.Rgb(level * kStep + 1, 1), kBlue);
  }
  // The next tables are blocks: their blue cells one under the other, in
  // the column where the first of them starts.
  const int x = kMaxNestedTables * kStep + 1;
  for (int level = kMaxNestedTables; level < kDepth; ++level) {
    SCOPED_TRACE(level);
    EXPECT_EQ(canvas.Rgb(x, (level - kMaxNestedTables) * kStep + 1), kBlue);
  }
  EXPECT_EQ(canvas.Rgb(x + kStep, 1), kWhite) << "a table past the limit was laid out as a table";
}

TEST(TableNesting, DisplayTableCountsAsATable) {
  constexpr int kDepth = kMaxNestedTables + 2;
  Canvas canvas(200, 100);
  Page page(NestedTables(kDepth, /*divs=*/true), kUrl, 200, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb((kMaxNestedTables - 1) * kStep + 1, 1), kBlue);
  EXPECT_EQ(canvas.Rgb(kMaxNestedTables * kStep + 1, kStep + 1), kBlue);
  EXPECT_EQ(canvas.Rgb((kMaxNestedTables + 1) * kStep + 1, 1), kWhite);
}

// Without the limit this nest takes ~3^40 cell layouts and never finishes
// (the ctest timeout fails it); with it, the innermost cell is painted.
TEST(TableNesting, FortyNestedTablesAreLaidOut) {
  constexpr int kDepth = 40;
  Canvas canvas(200, 300);
  Page page(NestedTables(kDepth), kUrl, 200, 300);
  canvas.Paint(&page);
  const int x = kMaxNestedTables * kStep + 1;
  EXPECT_EQ(canvas.Rgb(x, (kDepth - 1 - kMaxNestedTables) * kStep + 1), kBlue);
}

// A cell past the limit, laid out as a block, still contains its floats as
// the cell would (it starts a block formatting context): the inline box
// after its table goes below the float, not beside it.
TEST(TableNesting, ABlockPastTheLimitContainsItsFloats) {
  constexpr int kDepth = kMaxNestedTables + 1;
  std::string html = "<body style='margin:0'>";
  for (int i = 0; i < kDepth; ++i) html += "<table style='border-spacing:0'><tr><td style='padding:0'>";
  html += "<div style='float:left;width:10px;height:30px;background:blue'></div>";
  html += "</td></tr></table>";  // the innermost table, past the limit
  html += "<span style='display:inline-block;width:10px;height:10px;background:green'></span>";
  for (int i = 1; i < kDepth; ++i) html += "</td></tr></table>";
  Canvas canvas(100, 100);
  Page page(html, kUrl, 100, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(2, 2), kBlue);
  // Below the float (on a line of its own: the box sits on the baseline).
  EXPECT_EQ(canvas.Rgb(2, 40), 0x008000u) << "the float left the cell past the limit";
  EXPECT_EQ(canvas.Rgb(12, 2), kWhite);
}

// A nest far past the limit is laid out in linear time: each block past it
// ends litehtml's walk for line edges (300 tables took ~9 s before, and a
// page of them hung the renderer until the browser killed it).
TEST(TableNesting, ThreeHundredNestedTablesAreLaidOut) {
  constexpr int kDepth = 300;
  Canvas canvas(200, 300);
  Page page(NestedTables(kDepth), kUrl, 200, 300);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(kMaxNestedTables * kStep + 1, 1), kBlue);
}

}  // namespace
}  // namespace sandtab::renderer
