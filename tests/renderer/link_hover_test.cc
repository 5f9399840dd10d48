// LinkHover: the renderer tells the browser of the link under the pointer
// only when it changes, and never of one the browser would refuse.
#include "renderer/link_hover.h"

#include <gtest/gtest.h>

#include "proto/limits.h"

namespace sandtab::renderer {
namespace {

TEST(LinkHoverTest, OnlyAChangeIsToldAndNoneIsTheEmptyLink) {
  LinkHover hover;
  EXPECT_EQ(hover.Update(std::nullopt), std::nullopt);  // none, as at the start
  EXPECT_EQ(hover.Update("https://a.test/x"), "https://a.test/x");
  EXPECT_EQ(hover.Update("https://a.test/x"), std::nullopt);  // moving along the same link
  EXPECT_EQ(hover.Update("https://a.test/y"), "https://a.test/y");
  EXPECT_EQ(hover.Update(std::nullopt), "");
  EXPECT_EQ(hover.Update(std::nullopt), std::nullopt);
}

TEST(LinkHoverTest, ALinkGoingNowhereIsNone) {
  LinkHover hover;
  EXPECT_EQ(hover.Update("relative/only"), std::nullopt);  // a data: page's relative href stays unresolved
  EXPECT_EQ(hover.Update("https://a.test/" + std::string(proto::kMaxUrlBytes, 'a')), std::nullopt);
  EXPECT_EQ(hover.Update("https://a.test/"), "https://a.test/");
  EXPECT_EQ(hover.Update("relative/only"), "");
}

TEST(LinkHoverTest, ANewDocumentStartsWithNothingHovered) {
  LinkHover hover;
  EXPECT_EQ(hover.Update("https://a.test/"), "https://a.test/");
  hover.Reset();
  EXPECT_EQ(hover.current(), "");
  EXPECT_EQ(hover.Update("https://a.test/"), "https://a.test/");  // told again: the browser forgot it too
}

}  // namespace
}  // namespace sandtab::renderer
