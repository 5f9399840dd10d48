// CSS 2.1 rules that renderer/page/css/css_element.h adds on top of litehtml,
// checked in pixels: border width keywords, 'none' and colours, blocks inside
// inlines, percentage heights inside inlines, and the declarations with
// malformed colours that css_validation.h drops.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "renderer/page/css/css_element.h"
#include "renderer/page/css/css_numbers.h"
#include "renderer/page/css/css_validation.h"
#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr char kUrl[] = "http://example.test/css.html";
constexpr uint32_t kBlue = 0x0000ff;
constexpr uint32_t kGreen = 0x008000;
constexpr uint32_t kWhite = 0xffffff;

void Render(const std::string& html, Canvas* canvas, int width = 200, int height = 150) {
  Page page(html, kUrl, width, height);
  canvas->Paint(&page);
}

// CSS 2.1 8.5.1: thin <= medium <= thick; Chromium draws 1, 3 and 5px.
TEST(CssRules, BorderWidthKeywordsHaveChromiumWidths) {
  const struct {
    const char* keyword;
    int width;
  } cases[] = {{"thin", 1}, {"medium", 3}, {"thick", 5}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.keyword);
    Canvas canvas(100, 100);
    Render(std::string("<body style='margin:0'><div style='width:40px;height:40px;border:") + c.keyword +
               " solid blue'></div>",
           &canvas, 100, 100);
    EXPECT_TRUE(canvas.RectIs(0, 20, c.width, 1, kBlue));
    EXPECT_EQ(canvas.Rgb(c.width, 20), kWhite);
  }
  // Omitted, the width is the initial 'medium'.
  Canvas canvas(100, 100);
  Render("<body style='margin:0'><div style='width:40px;height:40px;border:solid blue'></div>", &canvas, 100, 100);
  EXPECT_TRUE(canvas.RectIs(0, 20, 3, 1, kBlue));
  EXPECT_EQ(canvas.Rgb(3, 20), kWhite);
}

// CSS 2.1 8.5.2 / CSS Color 3: a border with no colour of its own is drawn
// in the element's 'color' (currentColor), and so is 'currentColor' by name
// and a 'border-color: inherit' from a parent with none of its own.
TEST(CssRules, BorderWithoutAColourIsDrawnInTheTextColour) {
  const char* cases[] = {
      "<div style='color:blue;border:4px solid;height:20px'></div>",
      "<div style='color:blue;border:4px solid currentColor;height:20px'></div>",
      "<div style='color:red;border:none'><div style='color:blue;border:4px solid;border-color:inherit;"
      "height:20px'></div></div>",
  };
  for (const char* html : cases) {
    SCOPED_TRACE(html);
    Canvas canvas(100, 100);
    Render(std::string("<body style='margin:0'>") + html, &canvas, 100, 100);
    // Away from the corners, which are drawn as diagonal joins.
    EXPECT_TRUE(canvas.RectIs(10, 0, 80, 4, kBlue));
    EXPECT_TRUE(canvas.RectIs(0, 8, 4, 12, kBlue));
  }
  // A colour of its own still wins.
  Canvas canvas(100, 100);
  Render("<body style='margin:0'><div style='color:blue;border:4px solid green;height:20px'></div>", &canvas, 100, 100);
  EXPECT_TRUE(canvas.RectIs(10, 0, 80, 4, kGreen));
}

// CSS 2.1 8.5.1: the computed width of a side whose style is 'none' is 0,
// so it takes no room.
TEST(CssRules, BorderStyleNoneTakesNoRoom) {
  Canvas canvas(100, 100);
  Render(
      "<body style='margin:0'><div style='border:8px solid blue;border-left:none'>"
      "<div style='height:30px;background:green'></div></div>",
      &canvas, 100, 100);
  EXPECT_TRUE(canvas.RectIs(0, 10, 4, 20, kGreen, 8));
}

// CSS 2.1 9.2.1.1: a block inside an inline breaks the inline; the inline's
// border is on the piece of line before and the piece after, not around the
// block, and only the first piece has a left border, only the last a right.
TEST(CssRules, BlockInsideInlineIsNotWrappedInItsBorder) {
  Canvas canvas(200, 150);
  Render(
      "<body style='margin:0 0 0 20px'><span style='border:4px solid blue'>a"
      "<div style='height:60px'></div>b</span>",
      &canvas, 200, 150);
  // Nothing of the span's border beside or along the block (the pieces of
  // line are a glyph wide, well left of x=60).
  for (int y = 0; y < 150; ++y) {
    for (int x = 60; x < 200; ++x) ASSERT_NE(canvas.Rgb(x, y), kBlue) << x << "," << y;
  }
  bool first_left = false, last_left = false, last_right = false;
  for (int y = 0; y < 20; ++y) first_left |= canvas.Rgb(21, y) == kBlue;
  for (int y = 84; y < 94; ++y) {  // between its top and bottom borders
    last_left |= canvas.Rgb(21, y) == kBlue;
    for (int x = 26; x < 60; ++x) last_right |= canvas.Rgb(x, y) == kBlue;
  }
  EXPECT_TRUE(first_left);
  EXPECT_FALSE(last_left);
  EXPECT_TRUE(last_right);
}

// CSS 2.1 10.1 and 10.5: a percentage height inside an inline resolves
// against the nearest block container (here the body, 100px tall).
TEST(CssRules, PercentHeightInsideInlineUsesTheBlockContainer) {
  Canvas canvas(100, 150);
  Render(
      "<body style='margin:0;height:100px'><span>"
      "<div style='height:50%;background:green'></div></span>",
      &canvas, 100, 150);
  EXPECT_TRUE(canvas.RectIs(0, 0, 100, 50, kGreen, 8));
  EXPECT_EQ(canvas.Rgb(50, 55), kWhite);
}

TEST(CssValidation, DropsDeclarationsWithMalformedHexColours) {
  EXPECT_EQ(CssForLitehtml("a{color:#fgfgfg;top:1px}"), "a{;top:1px}");
  EXPECT_EQ(CssForLitehtml("a { border-color: #00 }"), "a {}");
  EXPECT_EQ(CssForLitehtml("border: 1px solid #1000000 !important; x: y"), "; x: y");
  // Valid colours, ids in selectors, url() fragments, strings and comments stay.
  for (const char* kept :
       {"#id > p#x { color: #abc; background: #aabbcc }", "a{color:#abcd;b:#aabbccdd}", "a{background:url(x.svg#frag)}",
        "a{content:\"#\"}", "a{/* #bad */color:red}", "@media (min-width: 1px) { #a { color: #123 } }"}) {
    EXPECT_EQ(CssForLitehtml(kept), kept);
  }
}

// Ordered list items are numbered 1, 2, ...: litehtml's own list item class
// does that, so it must still be the one that renders them. Each item's
// marker differs from the next one's (they were all "0." once).
TEST(CssRules, OrderedListItemsKeepTheirNumbers) {
  Canvas canvas(200, 120);
  Render(
      "<body style='margin:0;font:20px sans-serif'><ol style='margin:0;padding-left:50px'>"
      "<li style='height:30px;line-height:30px'>x</li><li style='height:30px;line-height:30px'>x</li>"
      "<li style='height:30px;line-height:30px'>x</li></ol>",
      &canvas, 200, 120);
  auto marker_differs = [&](int row_a, int row_b) {
    for (int y = 0; y < 30; ++y) {
      for (int x = 0; x < 50; ++x) {
        if (canvas.Rgb(x, row_a * 30 + y) != canvas.Rgb(x, row_b * 30 + y)) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(marker_differs(0, 1));
  EXPECT_TRUE(marker_differs(1, 2));
  // And the marker is drawn at all.
  EXPECT_FALSE(canvas.RectIs(0, 0, 50, 30, kWhite));
}

// Style text is the page's, so hostile: unterminated strings, comments and
// escapes at the very end, stray brackets. Random text of CSS's syntax
// characters never makes the filter read out of bounds (run under the
// sanitizers) or invent text; without a '#' nothing is dropped.
// HTML's table model reads colspan and rowspan as non-negative integers;
// litehtml 0.6 took atoi's word, and a rowspan of -1 above a large one
// wrote outside its grid (found by tests/renderer/hostile_pages_test.cc).
TEST(CssRules, TableSpansAreReadAsHtmlReadsThem) {
  EXPECT_EQ(NormalizedTableSpan("rowspan", "-1"), "1");
  EXPECT_EQ(NormalizedTableSpan("rowspan", "0"), "1");
  EXPECT_EQ(NormalizedTableSpan("rowspan", "abc"), "1");
  EXPECT_EQ(NormalizedTableSpan("rowspan", " +3x"), "3");
  EXPECT_EQ(NormalizedTableSpan("rowspan", "99999999999999999999"), "65534");
  EXPECT_EQ(NormalizedTableSpan("colspan", "0"), "1");
  EXPECT_EQ(NormalizedTableSpan("COLSPAN", "5000"), "1000");
  EXPECT_EQ(NormalizedTableSpan("colspan", "2"), "2");
  Canvas canvas(100, 100);
  Render(
      "<body style='margin:0'><table style='border-spacing:0'><tr><th rowspan=-1>t</th></tr>"
      "<tr><td rowspan=99999 style='padding:0'><div style='width:20px;height:20px;background:blue'></div>"
      "</td></tr></table>",
      &canvas, 100, 100);
  EXPECT_EQ(canvas.Rgb(10, 30), kBlue);  // the second row, under the header's line of text
}

TEST(CssNumbers, BoundsNumbersLitehtmlWouldOverflowOn) {
  EXPECT_EQ(BoundedNumbers("width: 1e9px"), "width: 1000000px");
  EXPECT_EQ(BoundedNumbers("margin: -999999999999em 5px"), "margin: -10000em 5px");
  EXPECT_EQ(BoundedNumbers("height:1e400px"), "height:1000000px");
  EXPECT_EQ(BoundedNumbers("font-size: 20000px"), "font-size: 10000px");
  EXPECT_EQ(BoundedNumbers("FONT: bold 99999px serif"), "FONT: bold 10000px serif");
  EXPECT_EQ(BoundedNumbers("width: 20000%"), "width: 10000%");
  EXPECT_EQ(BoundedNumbers("z-index: 99999999"), "z-index: 1000000");
  // Left alone: numbers in bounds, hex colours, strings, url(), names.
  for (const char* kept :
       {"width: 999999px", "color: #1e9999", "content: \"1e99\"", "background: url(1e99.png) 0 0", "width: 50%",
        "line-height: 1.5", "font-family: a1e99b", "font-family: a-1e99b", "margin: 0 -3px", "x: -webkit-1e99"}) {
    EXPECT_EQ(BoundedNumbers(kept), kept);
  }
  // Through the whole pass, in a sheet.
  EXPECT_EQ(CssForLitehtml("p { width: 1e9px; color: red }"), "p { width: 1000000px; color: red }");
}

// Found by css_numbers_fuzzer: "4e7e7" is 4e7 of unit "e7"; written back as
// "1000000e7" the bound itself became 1e13. Bounding again changes nothing.
TEST(CssNumbers, ABoundBeforeAUnitStartingWithEIsNotReadAsItsExponent) {
  EXPECT_EQ(BoundedNumbers("width: 4e7e7"), "width: 1e6e7");
  EXPECT_EQ(BoundedNumbers("width: 1e99E5"), "width: 1e6E5");
  EXPECT_EQ(BoundedNumbers("width: 9e9e-1"), "width: 1e6e-1");
  EXPECT_EQ(BoundedNumbers("margin: -3e5em"), "margin: -10000em");
  for (const char* text : {":4:4e7e7", "width: 4e7e7", "font: 9e9e9e9", "x: 5e9e+5"}) {
    const std::string once = BoundedNumbers(text);
    EXPECT_EQ(BoundedNumbers(once), once) << text;
  }
}

// Found by css_numbers_fuzzer: "+6+6E+46" is two numbers; the second,
// bounded without its '+', joined the first ("+61000000").
TEST(CssNumbers, ABoundKeepsAnExplicitPlusSoItDoesNotJoinTheNumberBefore) {
  EXPECT_EQ(BoundedNumbers("x: +6+6E+46"), "x: +6+1000000");
  EXPECT_EQ(BoundedNumbers("margin: +2e7px -2e7px"), "margin: +1000000px -1000000px");
  const std::string once = BoundedNumbers("x: +6+6E+46");
  EXPECT_EQ(BoundedNumbers(once), once);
}

// Found by css_numbers_fuzzer: "4e7e.4e99" is 4e7 of unit "e", then .4e99;
// bounded as "1000000e1000000" the second bound became the first one's
// exponent. A number that began with '.' is bounded by one that does too.
TEST(CssNumbers, ABoundForANumberStartingWithADotStartsWithADot) {
  EXPECT_EQ(BoundedNumbers("x: .4e99"), "x: .1e7");
  EXPECT_EQ(BoundedNumbers("width: -.5e9em"), "width: -.1e5em");
  EXPECT_EQ(BoundedNumbers("x: 4e7e.4e99ck"), "x: 1000000e.1e7ck");
  for (const char* text : {"x: 4e7e.4e99ck", "wi:4e7dtx, :4e7e.4e99ck4.4em", "x: 4e7E+.4e99"}) {
    const std::string once = BoundedNumbers(text);
    EXPECT_EQ(BoundedNumbers(once), once) << text;
  }
}

// Found by css_numbers_fuzzer: "4e74.4" is 4e74 then .4; bounded as
// "1000000.4" the two became one number, out of bounds again.
TEST(CssNumbers, ABoundBeforeAFractionIsNotJoinedToIt) {
  EXPECT_EQ(BoundedNumbers("x: 4e74.4"), "x: 1e6.4");
  EXPECT_EQ(BoundedNumbers("width: 2e7px.5"), "width: 1000000px.5");
  for (const char* text : {"x: 4e74.4",
                           ":4e7744\x1b"
                           "4e74.4\x1b"
                           "4e744"}) {
    const std::string once = BoundedNumbers(text);
    EXPECT_EQ(BoundedNumbers(once), once) << text;
  }
}

TEST(CssValidation, SurvivesHostileText) {
  const std::string alphabet = "#;{}()\"'/*\\ \nafg019:!@";
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string css(random() % 64, ' ');
    for (char& c : css) c = alphabet[random() % alphabet.size()];
    const std::string out = CssForLitehtml(css);
    ASSERT_LE(out.size(), css.size()) << css;
    if (css.find('#') == std::string::npos) {
      ASSERT_EQ(out, css) << css;
    }
  }
}

// CSS 2.1 4.2: a declaration with an illegal value is ignored, so the one
// before it still applies (in a sheet and in a style attribute alike).
TEST(CssRules, MalformedColourFallsBackToTheEarlierDeclaration) {
  Canvas canvas(100, 100);
  Render(
      "<style>#a { background: #00f } #a { background-color: #0000fg }</style>"
      "<body style='margin:0'><div id=a style='height:20px'></div>"
      "<div style='height:20px;background:#00f;background-color:#ggg'></div>",
      &canvas, 100, 100);
  EXPECT_TRUE(canvas.RectIs(0, 0, 100, 40, kBlue));
}

// CSS Display 3, 2.7: the root element is blockified. litehtml wrapped a
// root declared as a table row or cell in an anonymous table through its
// parent, which the root has not: `html { display: table-row }` and
// `* { display: table-cell }` crashed the renderer.
TEST(CssRules, TheRootIsBlockified) {
  const char* sheets[] = {"html { display: table-row }",    "* { display: table-cell }",
                          "html { display: inline }",       "html { display: table-column }",
                          "html { display: inline-table }", "* { display: table-row-group }"};
  for (const char* sheet : sheets) {
    SCOPED_TRACE(sheet);
    Canvas canvas(100, 100);
    Render(std::string("<style>") + sheet + "</style><body style='margin:0'>" +
               "<div style='display:block;width:30px;height:30px;background:blue'></div>",
           &canvas, 100, 100);
    EXPECT_EQ(canvas.Rgb(10, 10), kBlue);
  }
  EXPECT_STREQ(BlockifiedRootDisplay("table-row"), "block");
  EXPECT_STREQ(BlockifiedRootDisplay("inline-table"), "table");
  EXPECT_STREQ(BlockifiedRootDisplay("TABLE"), "block");  // litehtml reads it as inline
  EXPECT_STREQ(BlockifiedRootDisplay(nullptr), "block");
  EXPECT_EQ(BlockifiedRootDisplay("block"), nullptr);
  EXPECT_EQ(BlockifiedRootDisplay("none"), nullptr);
}

}  // namespace
}  // namespace sandtab::renderer
