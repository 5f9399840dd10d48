#include "browser/tab/navigation_history.h"

#include <gtest/gtest.h>

#include <string>

namespace sandtab::browser {
namespace {

std::string Url(int i) { return "https://example.test/page" + std::to_string(i); }

TEST(NavigationHistoryTest, BackAndForwardWalkTheList) {
  NavigationHistory history;
  EXPECT_EQ(history.current_url(), "");
  EXPECT_FALSE(history.Back());
  history.Push(Url(1));
  history.Push(Url(2));
  history.Push(Url(3));
  ASSERT_TRUE(history.Back());
  EXPECT_EQ(history.current_url(), Url(2));
  history.set_current_scroll(40);
  ASSERT_TRUE(history.Forward());
  EXPECT_FALSE(history.Forward());
  ASSERT_TRUE(history.Back());
  EXPECT_EQ(history.current_scroll(), 40);
  // A new navigation drops the forward entry (3).
  history.Push(Url(4));
  EXPECT_EQ(history.size(), 3u);
  EXPECT_FALSE(history.Forward());
  EXPECT_EQ(history.bytes(), Url(1).size() + Url(2).size() + Url(4).size());
}

TEST(NavigationHistoryTest, OldestEntriesGoPastTheEntryCap) {
  NavigationHistory history;
  for (int i = 0; i < 600; ++i) history.Push(Url(i));
  EXPECT_EQ(history.size(), NavigationHistory::kMaxEntries);
  EXPECT_EQ(history.dropped(), 600 - NavigationHistory::kMaxEntries);
  EXPECT_EQ(history.current_url(), Url(599));
  // Back reaches the oldest kept entry and stops there.
  size_t steps = 0;
  while (history.Back()) ++steps;
  EXPECT_EQ(steps, NavigationHistory::kMaxEntries - 1);
  EXPECT_EQ(history.current_url(), Url(600 - static_cast<int>(NavigationHistory::kMaxEntries)));
  while (history.Forward()) {
  }
  EXPECT_EQ(history.current_url(), Url(599));
}

TEST(NavigationHistoryTest, LongUrlsAreBoundedInBytes) {
  NavigationHistory history;
  // With its digit, each is at the 2 MiB maximum.
  const std::string long_url = "data:," + std::string(proto::kMaxUrlBytes - 7, 'A');
  for (int i = 0; i < 600; ++i) history.Push(long_url + std::to_string(i % 10));
  EXPECT_LE(history.bytes(), NavigationHistory::kMaxBytes);
  EXPECT_EQ(history.size(), 2u);
  EXPECT_EQ(history.current_url(), long_url + "9");
  // Back still works within what is kept.
  EXPECT_TRUE(history.Back());
  EXPECT_EQ(history.current_url(), long_url + "8");
}

TEST(NavigationHistoryTest, TheCurrentEntryIsKeptEvenOverTheByteBound) {
  NavigationHistory history;
  history.Push(Url(1));
  history.Push(std::string(NavigationHistory::kMaxBytes + 1, 'x'));
  EXPECT_EQ(history.size(), 1u);
  EXPECT_EQ(history.current_url().size(), NavigationHistory::kMaxBytes + 1);
  EXPECT_FALSE(history.Back());
  history.Push(Url(2));  // and it goes as soon as it is not current
  EXPECT_EQ(history.size(), 1u);
  EXPECT_EQ(history.bytes(), Url(2).size());
}

TEST(NavigationHistoryTest, PushAfterBackAtTheCapKeepsIndexSane) {
  NavigationHistory history;
  for (int i = 0; i < 50; ++i) history.Push(Url(i));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(history.Back());
  history.Push(Url(1000));  // forward 10 dropped, no cap hit
  EXPECT_EQ(history.size(), 41u);
  EXPECT_EQ(history.index(), 40u);
  for (int i = 0; i < 20; ++i) history.Push(Url(2000 + i));
  EXPECT_EQ(history.size(), NavigationHistory::kMaxEntries);
  EXPECT_EQ(history.index(), NavigationHistory::kMaxEntries - 1);
  EXPECT_EQ(history.current_url(), Url(2019));
}

}  // namespace
}  // namespace sandtab::browser
