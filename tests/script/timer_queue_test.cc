#include "renderer/script/timer_queue.h"

#include <gtest/gtest.h>

namespace sandtab::script {
namespace {

using std::chrono::milliseconds;

TEST(TimerQueue, EqualDueTimesKeepTheOrderTheyWereSetIn) {
  TimerQueue queue;
  const auto now = TimerQueue::Clock::now();
  for (int id = 1; id <= 50; ++id) queue.Add(id, milliseconds(id % 2 ? 5 : 0), false, 0, now);
  std::vector<int> order;
  int nesting = 0;
  while (const auto id = queue.TakeDue(now + milliseconds(5), &nesting)) order.push_back(*id);
  ASSERT_EQ(order.size(), 50u);
  for (size_t i = 0; i < 25; ++i) EXPECT_EQ(order[i], static_cast<int>(2 * i + 2));          // the 0 ms ones first
  for (size_t i = 25; i < 50; ++i) EXPECT_EQ(order[i], static_cast<int>(2 * (i - 25) + 1));  // then the 5 ms ones
  EXPECT_TRUE(queue.empty());
}

TEST(TimerQueue, NothingIsDueEarlyAndCancelledTimersNeverAre) {
  TimerQueue queue;
  const auto now = TimerQueue::Clock::now();
  queue.Add(1, milliseconds(10), false, 0, now);
  queue.Add(2, milliseconds(20), false, 0, now);
  queue.Cancel(1);
  int nesting = 0;
  EXPECT_FALSE(queue.TakeDue(now + milliseconds(19), &nesting));
  EXPECT_EQ(queue.NextDue(), now + milliseconds(20));
  EXPECT_EQ(queue.TakeDue(now + milliseconds(20), &nesting), 2);
  EXPECT_FALSE(queue.NextDue());
}

TEST(TimerQueue, DeeplyNestedTimersWaitAtLeastFourMilliseconds) {
  TimerQueue queue;
  const auto now = TimerQueue::Clock::now();
  queue.Add(1, milliseconds(0), false, TimerQueue::kNestingForClamp, now);
  queue.Add(2, milliseconds(0), false, TimerQueue::kNestingForClamp + 1, now);
  int nesting = 0;
  EXPECT_EQ(queue.TakeDue(now, &nesting), 1);
  EXPECT_EQ(nesting, TimerQueue::kNestingForClamp + 1);
  EXPECT_FALSE(queue.TakeDue(now + milliseconds(3), &nesting));
  EXPECT_EQ(queue.TakeDue(now + milliseconds(4), &nesting), 2);
}

TEST(TimerQueue, AnIntervalComesBackUntilCancelled) {
  TimerQueue queue;
  auto now = TimerQueue::Clock::now();
  queue.Add(7, milliseconds(10), true, 0, now);
  int nesting = 0;
  for (int i = 0; i < 3; ++i) {
    now += milliseconds(10);
    EXPECT_EQ(queue.TakeDue(std::max(now, TimerQueue::Clock::now()), &nesting), 7);
    now = *queue.NextDue();
    now -= milliseconds(10);
  }
  queue.Cancel(7);
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace sandtab::script
