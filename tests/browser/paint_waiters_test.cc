#include "browser/tab/paint_waiters.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

TEST(PaintWaiters, NotifyAllTellsEveryWaiterOnceAndForgetsThem) {
  boost::asio::io_context io;
  PaintWaiters waiters(io);
  std::vector<bool> told;
  waiters.Add(hours(1), [&](bool painted) { told.push_back(painted); });
  waiters.Add(hours(1), [&](bool painted) { told.push_back(painted); });
  EXPECT_EQ(waiters.size(), 2u);
  waiters.NotifyAll(true);
  EXPECT_EQ(told, (std::vector<bool>{true, true}));
  EXPECT_EQ(waiters.size(), 0u);
  waiters.NotifyAll(false);
  test::RunFor(io, milliseconds(10));  // the cancelled deadlines tell nobody
  EXPECT_EQ(told.size(), 2u);
}

TEST(PaintWaiters, APassedDeadlineTellsOnlyItsWaiterFalse) {
  boost::asio::io_context io;
  PaintWaiters waiters(io);
  std::optional<bool> soon, later;
  waiters.Add(milliseconds(1), [&](bool painted) { soon = painted; });
  waiters.Add(hours(1), [&](bool painted) { later = painted; });
  ASSERT_TRUE(test::RunUntil(io, [&] { return soon.has_value(); }));
  EXPECT_FALSE(*soon);
  EXPECT_FALSE(later.has_value());
  EXPECT_EQ(waiters.size(), 1u);
  waiters.NotifyAll(true);
  EXPECT_EQ(later, true);
}

TEST(PaintWaiters, AWaiterAddedWhileNotifyingWaitsForTheNextNotify) {
  boost::asio::io_context io;
  PaintWaiters waiters(io);
  int calls = 0;
  std::optional<bool> second;
  waiters.Add(hours(1), [&](bool) {
    ++calls;
    waiters.Add(hours(1), [&](bool painted) { second = painted; });
  });
  waiters.NotifyAll(true);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(second.has_value());
  EXPECT_EQ(waiters.size(), 1u);
  waiters.NotifyAll(false);
  EXPECT_EQ(second, false);
}

TEST(PaintWaiters, ADeadlineAfterTheWaitersAreGoneTellsNobody) {
  boost::asio::io_context io;
  int calls = 0;
  {
    PaintWaiters waiters(io);
    waiters.Add(milliseconds(1), [&](bool) { ++calls; });
  }
  test::RunFor(io, milliseconds(10));
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace sandtab::browser
