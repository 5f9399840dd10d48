// PointerMotion: at most one MouseMove in flight, the latest position sent
// on the ack; ShownHoveredLink: what the status line may show of a
// renderer's HoveredLink (DESIGN section 12).
#include "browser/tab/pointer_motion.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "proto/limits.h"

namespace sandtab::browser {
namespace {

struct Sent {
  std::vector<std::pair<int, int>> moves;
  PointerMotion motion{[this](int x, int y) { moves.emplace_back(x, y); }};
};

TEST(PointerMotionTest, TheFirstMoveGoesAtOnce) {
  Sent sent;
  sent.motion.Move(3, 4);
  EXPECT_EQ(sent.moves, (std::vector<std::pair<int, int>>{{3, 4}}));
  EXPECT_TRUE(sent.motion.in_flight());
}

TEST(PointerMotionTest, MovesWhileOneIsInFlightCollapseIntoTheLatest) {
  Sent sent;
  sent.motion.Move(0, 0);
  for (int i = 1; i <= 1000; ++i) sent.motion.Move(i, -i);
  EXPECT_EQ(sent.moves.size(), 1u);  // a renderer that never answers gets one message
  EXPECT_EQ(sent.motion.coalesced(), 999u);
  ASSERT_TRUE(sent.motion.Acked().ok());
  EXPECT_EQ(sent.moves, (std::vector<std::pair<int, int>>{{0, 0}, {1000, -1000}}));
  EXPECT_TRUE(sent.motion.in_flight());
  ASSERT_TRUE(sent.motion.Acked().ok());
  EXPECT_FALSE(sent.motion.in_flight());
  EXPECT_EQ(sent.moves.size(), 2u);
}

TEST(PointerMotionTest, AnAckWithNothingInFlightIsRefused) {
  Sent sent;
  EXPECT_FALSE(sent.motion.Acked().ok());
  sent.motion.Move(1, 1);
  EXPECT_TRUE(sent.motion.Acked().ok());
  EXPECT_FALSE(sent.motion.Acked().ok());
}

proto::HoveredLink Link(const std::string& url) {
  proto::HoveredLink link;
  link.set_url(url);
  return link;
}

TEST(ShownHoveredLinkTest, AnAbsoluteUrlIsShownAsItIs) {
  EXPECT_EQ(*ShownHoveredLink(Link("https://example.com/a?q=1#f")), "https://example.com/a?q=1#f");
  EXPECT_EQ(*ShownHoveredLink(Link("sandtab://pages/article.html")), "sandtab://pages/article.html");
  EXPECT_EQ(*ShownHoveredLink(Link("mailto:someone@example.com")), "mailto:someone@example.com");
  EXPECT_EQ(*ShownHoveredLink(Link("")), "");  // no link under the pointer
}

TEST(ShownHoveredLinkTest, WhatIsNoAbsoluteUrlIsRefused) {
  for (const char* url : {"relative/path", "/root", "//host/x", "1http://x", ":", "ht tp://x", "#top"}) {
    EXPECT_FALSE(ShownHoveredLink(Link(url)).ok()) << url;
  }
}

TEST(ShownHoveredLinkTest, ControlCharactersAreReplacedAndALongUrlIsCut) {
  const std::string shown = *ShownHoveredLink(Link("https://x.test/\x1b[2J\n"));
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.find('\n'), std::string::npos);
  const std::string long_one = *ShownHoveredLink(Link("https://x.test/" + std::string(100000, 'a')));
  EXPECT_LE(long_one.size(), kMaxShownLinkBytes);
  EXPECT_NE(long_one.find("bytes]"), std::string::npos);  // and says it was cut
}

TEST(ShownHoveredLinkTest, PastTheUrlBoundItIsRefused) {
  EXPECT_TRUE(ShownHoveredLink(Link("https://x.test/" + std::string(proto::kMaxUrlBytes - 15, 'a'))).ok());
  EXPECT_FALSE(ShownHoveredLink(Link("https://x.test/" + std::string(proto::kMaxUrlBytes - 14, 'a'))).ok());
}

}  // namespace
}  // namespace sandtab::browser
