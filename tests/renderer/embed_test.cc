#include <gtest/gtest.h>

#include <algorithm>

#include "renderer/page/page.h"

namespace sandtab::renderer {
namespace {

bool HasParam(const EmbedBox& box, const std::string& name, const std::string& value) {
  return std::find(box.params.begin(), box.params.end(), std::make_pair(name, value)) != box.params.end();
}

TEST(Embeds, ReportedWithPositionsAndParams) {
  Page page(
      "<body style='margin:0'>"
      "<div style='height:40px'></div>"
      "<div style='padding-left:30px'><embed type='application/x-sandtab-clock' "
      "src='clock.dat' width='300' height='150' data-face=round></div>"
      "<div style='height:20px'></div>"
      "<object type=' Application/X-Sandtab-Bounce ' data=ball width=120 height=80>"
      "<param name=color value=red><param name=speed value=3><p>fallback</p></object>"
      "<embed src=noplugin.swf width=10 height=10>",
      "http://example.test/", 800, 600);
  const std::vector<EmbedBox> embeds = page.Embeds();
  ASSERT_EQ(embeds.size(), 2u);  // the untyped <embed> is not a plugin box

  const EmbedBox& clock = embeds[0];
  EXPECT_EQ(clock.mime_type, "application/x-sandtab-clock");
  EXPECT_EQ(clock.x, 30);
  EXPECT_EQ(clock.y, 40);
  EXPECT_EQ(clock.width, 300);
  EXPECT_EQ(clock.height, 150);
  EXPECT_TRUE(HasParam(clock, "src", "clock.dat"));
  EXPECT_TRUE(HasParam(clock, "data-face", "round"));

  const EmbedBox& bounce = embeds[1];
  EXPECT_EQ(bounce.mime_type, "application/x-sandtab-bounce");
  EXPECT_EQ(bounce.x, 0);
  EXPECT_GE(bounce.y, 40 + 150 + 20);
  EXPECT_LT(bounce.y, 40 + 150 + 20 + 30);
  EXPECT_EQ(bounce.width, 120);
  EXPECT_EQ(bounce.height, 80);
  EXPECT_TRUE(HasParam(bounce, "data", "ball"));
  EXPECT_TRUE(HasParam(bounce, "color", "red"));
  EXPECT_TRUE(HasParam(bounce, "speed", "3"));
}

TEST(Embeds, HiddenEmbedsAreNotReported) {
  Page page("<embed type=application/x-test width=50 height=50 style='display:none'>", "http://example.test/", 800,
            600);
  EXPECT_TRUE(page.Embeds().empty());
}

TEST(Embeds, SurviveADocumentRebuild) {
  Page page("<link rel=stylesheet href=s.css><embed type=application/x-test width=50 height=60>",
            "http://example.test/", 800, 600);
  auto requests = page.TakeResourceRequests();
  page.SupplyResource(requests[0].url, true, "embed { margin-left: 70px; }");
  const auto embeds = page.Embeds();
  ASSERT_EQ(embeds.size(), 1u);
  EXPECT_EQ(embeds[0].x, 78);  // body margin 8 + 70
  EXPECT_EQ(embeds[0].height, 60);
}

}  // namespace
}  // namespace sandtab::renderer
