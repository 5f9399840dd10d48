// Logical properties as the physical ones litehtml knows
// (renderer/page/css/css_logical.h), as text and in pixels.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "renderer/page/css/css_logical.h"
#include "renderer/page/css/css_validation.h"
#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

TEST(CssLogical, OneSideIsRenamed) {
  EXPECT_EQ(PhysicalDeclarations("  margin-inline-start: 4px"), "  margin-left: 4px");
  EXPECT_EQ(PhysicalDeclarations("border-inline-end: 2px solid blue"), "border-right: 2px solid blue");
  EXPECT_EQ(PhysicalDeclarations("Padding-Block-End:1em"), "padding-bottom: 1em");
  EXPECT_EQ(PhysicalDeclarations("inline-size: 50%"), "width: 50%");
  EXPECT_EQ(PhysicalDeclarations("border-block-start-color: red !important"), "border-top-color: red !important");
}

TEST(CssLogical, PairsAreSplitAndBothSidesSet) {
  EXPECT_EQ(PhysicalDeclarations("margin-inline: 1px 2px"), "margin-left: 1px;margin-right: 2px");
  EXPECT_EQ(PhysicalDeclarations("padding-block: 3px"), "padding-top: 3px;padding-bottom: 3px");
  EXPECT_EQ(PhysicalDeclarations("margin-inline: calc(1px + 2px) auto !important"),
            "margin-left: calc(1px + 2px) !important;margin-right: auto !important");
  EXPECT_EQ(PhysicalDeclarations("border-inline: 1px solid red"),
            "border-left: 1px solid red;border-right: 1px solid red");
  // Three parts is no valid pair: left for litehtml to ignore.
  EXPECT_EQ(PhysicalDeclarations("margin-inline: 1px 2px 3px"), "margin-inline: 1px 2px 3px");
}

TEST(CssLogical, OtherDeclarationsAreUnchanged) {
  for (const char* same : {"margin-left: 1px", "color: red", "no colon", "margin-inline:", "--margin-inline: 1px"}) {
    EXPECT_EQ(PhysicalDeclarations(same), same);
  }
}

TEST(CssLogical, StyleSheetsAndStyleAttributesAreMapped) {
  EXPECT_EQ(CssForLitehtml("p { margin-inline: 0 8px; color: red }\na:hover{inline-size:1px}"),
            "p { margin-left: 0;margin-right: 8px; color: red }\na:hover{width: 1px}");
  // In pixels: a blue border on the inline end (right) and block start (top).
  constexpr uint32_t kBlue = 0x0000ff, kWhite = 0xffffff;
  testing::Canvas canvas(100, 100);
  Page page(
      "<body style='margin:0'><div style='inline-size:50px;block-size:20px;"
      "border-inline-end:4px solid blue;border-block-start:4px solid blue'></div>",
      "http://example.test/logical.html", 100, 100);
  canvas.Paint(&page);
  EXPECT_TRUE(canvas.RectIs(50, 10, 4, 10, kBlue)) << "right border of a 50px-wide box";
  EXPECT_TRUE(canvas.RectIs(10, 0, 30, 4, kBlue)) << "top border";
  EXPECT_EQ(canvas.Rgb(1, 15), kWhite) << "no left border";
  EXPECT_EQ(canvas.Rgb(80, 15), kWhite) << "not wider than inline-size";
}

}  // namespace
}  // namespace sandtab::renderer
