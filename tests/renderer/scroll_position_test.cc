// ScrollPosition: a restored offset waits for a page tall enough, the
// user's scroll ends the wait, and the offset stays within the content.
#include "renderer/scroll_position.h"

#include <gtest/gtest.h>

namespace sandtab::renderer {
namespace {

TEST(ScrollPositionTest, StaysWithinTheContent) {
  ScrollPosition scroll;
  scroll.ScrollBy(500);
  scroll.Clamp(/*content_height=*/800, /*viewport_height=*/600, true);
  EXPECT_EQ(scroll.y(), 200);
  scroll.ScrollBy(-1000);
  scroll.Clamp(800, 600, true);
  EXPECT_EQ(scroll.y(), 0);
}

TEST(ScrollPositionTest, APageShorterThanTheViewportDoesNotScroll) {
  ScrollPosition scroll;
  scroll.ScrollBy(50);
  scroll.Clamp(300, 600, true);
  EXPECT_EQ(scroll.y(), 0);
}

TEST(ScrollPositionTest, ARestoredOffsetWaitsUntilThePageIsTallEnough) {
  ScrollPosition scroll;
  scroll.Reset(1000);
  EXPECT_EQ(scroll.y(), 0);
  scroll.Clamp(900, 600, false);  // images still arriving
  EXPECT_EQ(scroll.y(), 300);
  scroll.Clamp(2000, 600, false);
  EXPECT_EQ(scroll.y(), 1000);
}

TEST(ScrollPositionTest, ACompletePageEndsTheWait) {
  ScrollPosition scroll;
  scroll.Reset(1000);
  scroll.Clamp(900, 600, true);
  EXPECT_EQ(scroll.y(), 300);
  scroll.Clamp(2000, 600, true);  // grew later (a script): no jump back
  EXPECT_EQ(scroll.y(), 300);
}

TEST(ScrollPositionTest, TheUsersScrollEndsTheWait) {
  ScrollPosition scroll;
  scroll.Reset(1000);
  scroll.Clamp(900, 600, false);
  scroll.ScrollBy(-100);
  scroll.Clamp(2000, 600, false);
  EXPECT_EQ(scroll.y(), 200);
}

TEST(ScrollPositionTest, ANewDocumentStartsAtTheTopAndANegativeRestoreIsNone) {
  ScrollPosition scroll;
  scroll.ScrollBy(400);
  scroll.Clamp(2000, 600, true);
  scroll.Reset(-50);
  EXPECT_EQ(scroll.y(), 0);
  scroll.Clamp(2000, 600, false);
  EXPECT_EQ(scroll.y(), 0);
}

}  // namespace
}  // namespace sandtab::renderer
