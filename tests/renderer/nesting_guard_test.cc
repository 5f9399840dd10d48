#include "renderer/page/css/nesting_guard.h"

#include <gtest/gtest.h>

#include <string>

#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

std::string Nested(int levels, const std::string& open = "<div class='a>b'>") {
  std::string html;
  for (int i = 0; i < levels; ++i) html += open;
  return html + "x";
}

TEST(NestingGuard, ShallowDocumentsAreUntouched) {
  const std::string html =
      "<!DOCTYPE html><html><body><p>a<p>b<ul><li>x<li>y</ul>"
      "<!-- <div><div><div> --><script>if (a<b) { '<div>' }</script>"
      "<img src=x><br/><svg><path/><path/><path/><path/></svg></body></html>";
  EXPECT_EQ(FlattenDeepNesting(html, 3), html);
}

TEST(NestingGuard, ElementsPastTheLimitAreClosedAtOnceAndTheirEndTagsDropped) {
  EXPECT_EQ(FlattenDeepNesting("<div><span><b><i>x</i>y</b>z</span></div>after", 2),
            "<div><span><b></b><i></i>xyz</span></div>after");
  const std::string open = "<div class='a>b'>";
  std::string expected;
  for (int i = 0; i < 4; ++i) expected += open;
  for (int i = 4; i < 10; ++i) expected += open + "</div>";
  EXPECT_EQ(FlattenDeepNesting(Nested(10), 4), expected + "x");
  EXPECT_EQ(FlattenDeepNesting(Nested(10), 10), Nested(10));
}

TEST(NestingGuard, ClosedElementsDoNotAccumulate) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div><span>x</span></div>";
  EXPECT_EQ(FlattenDeepNesting(html, 3), html);
  std::string list = "<ul>";
  for (int i = 0; i < 10000; ++i) list += "<li>item <p>para";
  EXPECT_EQ(FlattenDeepNesting(list, 3), list);
}

// Ways to nest that the estimate once missed: "/>" does not close an HTML
// element, and a raw-text element's end tag does not close anything else.
TEST(NestingGuard, SelfClosingSyntaxAndScriptsDoNotHideNesting) {
  EXPECT_EQ(FlattenDeepNesting("<div/><div/><div/>x", 2), "<div/><div/><div/></div>x");
  EXPECT_EQ(FlattenDeepNesting("<div><script>a</script><div><style>b</style><div>x", 2),
            "<div><script>a</script><div><style>b</style><div></div>x");
  // In SVG "/>" does close an element.
  EXPECT_EQ(FlattenDeepNesting("<svg><g/><g/><g/></svg>", 2), "<svg><g/><g/><g/></svg>");
}

// 20,000 nested <div>s overflow litehtml's stack without the guard.
TEST(NestingGuard, PageSurvivesAbsurdNesting) {
  Page page(Nested(30000), "http://example.test/", 400, 300);
  EXPECT_GT(page.ContentHeight(), 0);
  Page self_closing(Nested(30000, "<div/>"), "http://example.test/", 400, 300);
  EXPECT_GT(self_closing.ContentHeight(), 0);
}

// What lay past the limit is still drawn: the text of the innermost element
// and the content after the nest.
TEST(NestingGuard, ContentPastTheLimitIsKept) {
  std::string html = "<body style='margin:0'>";
  for (int i = 0; i < kMaxNestingDepth + 100; ++i) html += "<div>";
  html += "<div style='width:20px;height:20px;background:#0000ff'></div>";
  for (int i = 0; i < kMaxNestingDepth + 100; ++i) html += "</div>";
  html += "<div style='width:20px;height:20px;background:#00ff00'></div>";
  Page page(html, "http://example.test/", 100, 100);
  testing::Canvas canvas(100, 100);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(5, 5), 0x0000ffu);
  EXPECT_EQ(canvas.Rgb(5, 25), 0x00ff00u) << "the content after the nest was cut";
}

}  // namespace
}  // namespace sandtab::renderer
