// BlockingWorker: the work runs on its own thread, not the loop's; the
// result comes back on the loop thread, in order; and a worker destroyed
// with a result still on its way never calls back.
#include "browser/common/blocking_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>
#include <vector>

namespace sandtab::browser {
namespace {

using namespace std::chrono_literals;

TEST(BlockingWorkerTest, WorkRunsOffTheLoopAndItsResultComesBackOnIt) {
  boost::asio::io_context io;
  BlockingWorker worker(io);
  const std::thread::id loop = std::this_thread::get_id();
  std::optional<std::thread::id> worked_on, answered_on;
  int answer = 0;
  worker.Run(
      [&] {
        worked_on = std::this_thread::get_id();
        return 42;
      },
      [&](int result) {
        answered_on = std::this_thread::get_id();
        answer = result;
      });
  // The loop has nothing of its own until the answer comes: keep it alive.
  auto guard = boost::asio::make_work_guard(io);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!answered_on && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
  ASSERT_TRUE(worked_on && answered_on);
  EXPECT_NE(*worked_on, loop);
  EXPECT_EQ(*answered_on, loop);
  EXPECT_EQ(answer, 42);
}

// The threads of this process, from the kernel's list.
size_t ThreadCount() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

TEST(BlockingWorkerTest, ItsThreadStartsWithTheFirstWorkAndEndsWithIt) {
  boost::asio::io_context io;
  const size_t before = ThreadCount();
  std::optional<BlockingWorker> worker(std::in_place, io);
  EXPECT_EQ(ThreadCount(), before) << "a worker given no work started a thread";
  bool answered = false;
  worker->Run([] { return 1; }, [&](int) { answered = true; });
  auto guard = boost::asio::make_work_guard(io);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!answered && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
  ASSERT_TRUE(answered);
  EXPECT_EQ(ThreadCount(), before + 1);
  worker->Run([] { return 2; }, [](int) {});
  EXPECT_EQ(ThreadCount(), before + 1) << "more work started another thread";
  worker.reset();
  // Joined; the kernel drops the thread from the list as it finishes exiting.
  const auto gone_by = std::chrono::steady_clock::now() + 5s;
  while (ThreadCount() != before && std::chrono::steady_clock::now() < gone_by) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(ThreadCount(), before);
}

TEST(BlockingWorkerTest, ResultsArriveInTheOrderTheWorkWasGiven) {
  boost::asio::io_context io;
  BlockingWorker worker(io);
  std::vector<int> order;
  for (int i = 0; i < 20; ++i) {
    worker.Run([i] { return i; }, [&](int result) { order.push_back(result); });
  }
  auto guard = boost::asio::make_work_guard(io);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (order.size() < 20 && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
  ASSERT_EQ(order.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(order[i], i);
}

TEST(BlockingWorkerTest, AWorkerGoneBeforeItsResultIsDeliveredNeverCallsBack) {
  boost::asio::io_context io;
  std::atomic<bool> worked{false};
  bool called = false;
  {
    BlockingWorker worker(io);
    std::promise<void> started;
    worker.Run(
        [&] {
          started.set_value();
          std::this_thread::sleep_for(50ms);  // still running when the worker goes
          worked = true;
          return 1;
        },
        [&](int) { called = true; });
    ASSERT_EQ(started.get_future().wait_for(10s), std::future_status::ready);
    // The destructor waits for the running work, whose result is then
    // queued on the loop, which has not run yet.
  }
  EXPECT_TRUE(worked.load());
  io.run_for(1s);
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace sandtab::browser
