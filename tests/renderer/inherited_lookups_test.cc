// Elements deep in the tree remember what they inherit (InheritedLookups in
// renderer/page/css/css_element.h). Checked in pixels on a nest far deeper than
// where that starts: colours and visibility set at different depths,
// 'inherit' on a property that is not inherited, and a restyle (a media
// query that changes with the width) that must not leave a deep element with
// what it remembered before.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "renderer/page/css/css_element.h"
#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr char kUrl[] = "http://example.test/deep.html";
constexpr int kDeep = InheritedLookups::kDepth * 3;

// A 20x20 box drawn by the text colour: its border (border colour
// defaults to currentColor, css_element.h).
constexpr char kBox[] = "<div style='width:0;height:0;border:10px solid'></div>";

std::string Open(int levels, const std::string& style = "") {
  std::string html;
  for (int i = 0; i < levels; ++i) html += "<div" + (style.empty() ? "" : " style='" + style + "'") + ">";
  return html;
}

std::string Close(int levels) {
  std::string html;
  for (int i = 0; i < levels; ++i) html += "</div>";
  return html;
}

TEST(InheritedLookups, DeepElementsInheritWhatTheirAncestorsSet) {
  std::string html = "<body style='margin:0;color:#ff0000'>" + Open(kDeep);
  html += kBox;                                                                    // red, from the body
  html += "<div style='color:#0000ff'>" + Open(10) + kBox + Close(10) + "</div>";  // blue
  html +=
      "<div style='border-left-color:#00ff00'><div style='width:20px;height:20px;"
      "border-left:10px solid;border-left-color:inherit'></div></div>";  // green: 'inherit'
  html += "<div style='visibility:hidden'>" + Open(10) + kBox + Close(10) + "</div>";
  html += kBox;  // red again: what the blue and hidden boxes inherited stays theirs
  html += Close(kDeep);
  Canvas canvas(100, 120);
  Page page(html, kUrl, 100, 120);
  canvas.Paint(&page);
  // Left borders, away from the corners' diagonal joins.
  EXPECT_EQ(canvas.Rgb(3, 10), 0xff0000u);
  EXPECT_EQ(canvas.Rgb(3, 30), 0x0000ffu);
  EXPECT_EQ(canvas.Rgb(5, 50), 0x00ff00u);
  EXPECT_EQ(canvas.Rgb(3, 70), 0xffffffu) << "visibility:hidden was not inherited";
  EXPECT_EQ(canvas.Rgb(3, 90), 0xff0000u);
}

// A deep element remembers what it inherited; when the page is styled again
// (here: a media query that holds only at the second width) it must ask
// again, not answer with what it had.
TEST(InheritedLookups, ARestyleIsSeenByDeepElements) {
  const std::string html =
      "<style>@media (min-width: 150px) { .c { color: #0000ff } }</style>"
      "<body style='margin:0;color:#ff0000'><div class=c>" +
      Open(kDeep) + kBox + Close(kDeep) + "</div>";
  Page page(html, kUrl, 100, 100);
  Canvas narrow(100, 100);
  narrow.Paint(&page);
  EXPECT_EQ(narrow.Rgb(3, 10), 0xff0000u);
  page.Resize(200, 100);
  Canvas wide(200, 100);
  wide.Paint(&page);
  EXPECT_EQ(wide.Rgb(3, 10), 0x0000ffu);
  page.Resize(100, 100);
  narrow.Paint(&page);
  EXPECT_EQ(narrow.Rgb(3, 10), 0xff0000u);
}

// Many elements at the nesting guard's depth: each asks its parent, which
// has remembered, instead of walking 512 ancestors some 30 times. Without it
// this page took ~6 s here (an order of magnitude more under a loaded
// ctest, past its timeout).
TEST(InheritedLookups, ManyElementsAtTheNestingLimitAreStyledQuickly) {
  std::string html = "<body style='color:#ff0000'>" + Open(600);
  for (int i = 0; i < 20000; ++i) html += "<div></div>";
  Page page(html + kBox, kUrl, 200, 100);
  EXPECT_GT(page.ContentHeight(), 0);
}

}  // namespace
}  // namespace sandtab::renderer
