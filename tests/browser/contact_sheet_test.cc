// LayoutSheet, where `screenshot all` puts each tab: a few tabs side by side
// at half size (the picture the demo shows), many in a grid that stays
// within the width limit however many tabs there are, cells never overlap
// and all fit in the sheet.
#include "browser/compositor/contact_sheet.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

TEST(LayoutSheetTest, NoTabsIsAnEmptySheet) {
  SheetLayout layout = LayoutSheet(0, 1280, 800);
  EXPECT_EQ(layout.cells, 0u);
  EXPECT_EQ(layout.width, 0);
  EXPECT_EQ(layout.height, 0);
}

TEST(LayoutSheetTest, UpToFourTabsSitInOneRowAtHalfSize) {
  for (size_t tabs = 1; tabs <= 4; ++tabs) {
    SheetLayout layout = LayoutSheet(tabs, 1280, 800);
    EXPECT_EQ(layout.rows, 1) << tabs;
    EXPECT_EQ(layout.columns, static_cast<int>(tabs));
    EXPECT_DOUBLE_EQ(layout.scale, 0.5);
    EXPECT_EQ(layout.thumb_width, 640);
    EXPECT_EQ(layout.thumb_height, 400);
  }
  // Three tabs: the demo's picture, 3 x (640 + 8) + 8 wide.
  SheetLayout three = LayoutSheet(3, 1280, 800);
  EXPECT_EQ(three.width, 1952);
  EXPECT_EQ(three.height, 8 + 28 + 400 + 8);
}

TEST(LayoutSheetTest, ManyTabsMakeANearSquareGridWithinTheWidthLimit) {
  for (size_t tabs : {5u, 9u, 10u, 50u, 100u, 500u, 1000u, 5000u}) {
    SheetLayout layout = LayoutSheet(tabs, 1280, 800);
    SCOPED_TRACE(tabs);
    EXPECT_GE(static_cast<size_t>(layout.columns) * static_cast<size_t>(layout.rows), tabs);
    EXPECT_LT(static_cast<size_t>(layout.columns) * static_cast<size_t>(layout.rows - 1), tabs) << "an empty row";
    EXPECT_LE(layout.width, SheetLayout::kMaxWidth);
    EXPECT_LE(layout.rows, layout.columns);
    EXPECT_GE(layout.rows + 1, layout.columns);
    EXPECT_GT(layout.thumb_width, 0);
    EXPECT_LE(layout.scale, SheetLayout::kMaxScale);
  }
  // 500 tabs at 1280x800: 23 columns of 169-pixel thumbnails, ~50 MB of
  // pixels where a single row would have been 648 x 500 pixels wide.
  SheetLayout five_hundred = LayoutSheet(500, 1280, 800);
  EXPECT_EQ(five_hundred.columns, 23);
  EXPECT_EQ(five_hundred.rows, 22);
  EXPECT_EQ(five_hundred.thumb_width, 169);
  EXPECT_LT(static_cast<double>(five_hundred.width) * five_hundred.height * 4, 64e6);
}

TEST(LayoutSheetTest, CellsDoNotOverlapAndFitInTheSheet) {
  for (size_t tabs : {1u, 3u, 7u, 23u, 500u}) {
    SheetLayout layout = LayoutSheet(tabs, 1024, 768);
    SCOPED_TRACE(tabs);
    const int cell_height = SheetLayout::kLabelHeight + layout.thumb_height;
    for (size_t i = 0; i < tabs; ++i) {
      EXPECT_GE(layout.CellX(i), SheetLayout::kGap);
      EXPECT_LE(layout.CellX(i) + layout.thumb_width + SheetLayout::kGap, layout.width);
      EXPECT_LE(layout.CellY(i) + cell_height + SheetLayout::kGap, layout.height);
      if (i == 0) continue;
      // The next cell starts past this one's right edge, or on a lower row.
      const bool right = layout.CellX(i) >= layout.CellX(i - 1) + layout.thumb_width;
      const bool below = layout.CellY(i) >= layout.CellY(i - 1) + cell_height;
      EXPECT_TRUE(right || below) << "cell " << i;
    }
  }
}

}  // namespace
}  // namespace sandtab::browser
