// Page's in-place changes (what scripts change most: text, style
// attributes, the title) must lay out and paint exactly as a rebuild of
// the same HTML does, and each must refuse what it cannot do in place.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr int kWidth = 400, kHeight = 300;
constexpr char kNode[] = "data-node";

std::string Html(const std::string& text, const std::string& style) {
  return "<html><head><title>t</title><style>body{margin:8px;font-family:'DejaVu Sans'} .box{background:#0a0}</style>"
         "</head><body><p data-node=\"1\">" +
         text + "</p><div class=box data-node=\"2\" style=\"" + style + "\">box</div><p>after</p></body></html>";
}

// Every pixel of two pages painted alike.
void ExpectSamePixels(Page& changed, Page& rebuilt) {
  Canvas a(kWidth, kHeight), b(kWidth, kHeight);
  a.Paint(&changed);
  b.Paint(&rebuilt);
  int differing = 0;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) differing += a.Rgb(x, y) != b.Rgb(x, y);
  }
  EXPECT_EQ(differing, 0);
  EXPECT_EQ(changed.ContentHeight(), rebuilt.ContentHeight());
}

TEST(PageInPlace, NewTextWrapsAndPushesWhatFollowsAsARebuildWould) {
  Page page(Html("short", "width:100px;height:20px"), "about:blank", kWidth, kHeight);
  const std::string long_text = "many more words than fit on one line of this narrow page, so they wrap twice over";
  ASSERT_TRUE(page.ReplaceElementText(kNode, "1", long_text));
  Page rebuilt(Html(long_text, "width:100px;height:20px"), "about:blank", kWidth, kHeight);
  ExpectSamePixels(page, rebuilt);
}

TEST(PageInPlace, AStyleAttributeAppliesAsARebuildWould) {
  Page page(Html("text", "width:100px;height:20px"), "about:blank", kWidth, kHeight);
  ASSERT_TRUE(page.SetElementStyle(kNode, "2", "width:300px;height:80px;background:#c00"));
  Page rebuilt(Html("text", "width:300px;height:80px;background:#c00"), "about:blank", kWidth, kHeight);
  ExpectSamePixels(page, rebuilt);
  const int layouts = page.LayoutCountForTesting();
  ASSERT_TRUE(page.SetElementStyle(kNode, "2", "width:50px;height:10px"));
  page.ContentHeight();
  EXPECT_EQ(page.LayoutCountForTesting(), layouts + 1);  // laid out again once, when asked
}

TEST(PageInPlace, TheTitleChangesWithoutALayout) {
  Page page(Html("text", ""), "about:blank", kWidth, kHeight);
  const int layouts = page.LayoutCountForTesting();
  page.SetTitle("  a   new\ttitle ");
  EXPECT_EQ(page.Title(), "a new title");
  EXPECT_EQ(page.LayoutCountForTesting(), layouts);
}

TEST(PageInPlace, WhatCannotBeDoneInPlaceIsRefused) {
  Page page("<pre data-node=\"1\">a  b</pre><p data-node=\"2\">x</p>", "about:blank", kWidth, kHeight);
  EXPECT_FALSE(page.ReplaceElementText(kNode, "1", "c   d"));  // preformatted: the parser's spaces
  EXPECT_FALSE(page.ReplaceElementText(kNode, "9", "no such element"));
  EXPECT_FALSE(page.SetElementStyle(kNode, "9", "color:red"));
  EXPECT_TRUE(page.ReplaceElementText(kNode, "2", "y"));
}

}  // namespace
}  // namespace sandtab::renderer
