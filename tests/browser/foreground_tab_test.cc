// ForegroundTab: the tab used last is in the foreground, every other hidden;
// closing the foreground tab brings the next one forward.
#include "browser/tab/foreground_tab.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using Change = ForegroundTab::Change;

TEST(ForegroundTabTest, TheTabUsedLastIsTheOnlyOneShown) {
  ForegroundTab foreground;
  EXPECT_EQ(foreground.id(), 0);
  EXPECT_EQ(foreground.Use(1), (Change{0, 1}));
  EXPECT_FALSE(foreground.IsHidden(1));
  EXPECT_EQ(foreground.Use(2), (Change{1, 2}));
  EXPECT_TRUE(foreground.IsHidden(1));
  EXPECT_FALSE(foreground.IsHidden(2));
  // Using the foreground tab again changes nothing.
  EXPECT_EQ(foreground.Use(2), Change{});
  EXPECT_EQ(foreground.Use(1), (Change{2, 1}));
  EXPECT_EQ(foreground.id(), 1);
}

TEST(ForegroundTabTest, ClosingTheForegroundTabShowsTheNextOne) {
  ForegroundTab foreground;
  foreground.Use(1);
  foreground.Use(2);
  foreground.Use(3);
  // A background tab closes: nothing else changes.
  EXPECT_EQ(foreground.Closed(1, 3), Change{});
  EXPECT_EQ(foreground.id(), 3);
  EXPECT_EQ(foreground.Closed(3, 2), (Change{0, 2}));
  EXPECT_EQ(foreground.id(), 2);
  EXPECT_EQ(foreground.Closed(2, 0), Change{});
  EXPECT_EQ(foreground.id(), 0);
}

}  // namespace
}  // namespace sandtab::browser
