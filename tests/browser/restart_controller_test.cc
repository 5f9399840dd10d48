// RestartController: each death gets the crash policy's decision, a
// restart comes after its delay on the loop, a crash loop stops restarts
// until the user starts over, and a cancelled restart never comes.
#include "browser/tab/restart_controller.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <thread>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;

CrashPolicyConfig QuickPolicy() {
  CrashPolicyConfig config;
  config.base_delay = milliseconds(20);
  config.max_delay = milliseconds(40);
  config.loop_crashes = 3;
  config.loop_window = milliseconds(60'000);
  return config;
}

proto::DeathRecord Death(int pid) {
  proto::DeathRecord record;
  record.set_pid(pid);
  return record;
}

// A restart whose delay has passed waits in the loop's queue, where
// cancelling the timer no longer reaches it; a handler queued before it
// (here a timer due earlier, as a `close` read from the shell) destroys the
// controller: the restart must not come, nor touch the controller (the
// chaos test's use after free under ASan, seed 1881474712).
TEST(RestartControllerTest, ARestartAlreadyDueDoesNotComeOnceTheControllerIsGone) {
  boost::asio::io_context io;
  int restarts = 0;
  auto controller = std::make_unique<RestartController>(io, QuickPolicy(), [&] { ++restarts; });
  proto::DeathRecord death = Death(42);
  ASSERT_TRUE(controller->OnDeath(&death));  // the first restart: at once
  boost::asio::steady_timer closer(io);
  closer.expires_at(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  closer.async_wait([&](const boost::system::error_code&) { controller.reset(); });
  // Both timers are due before the loop looks: their handlers are queued
  // together, the earlier (the closer) first.
  std::this_thread::sleep_for(milliseconds(5));
  io.run_for(milliseconds(50));
  EXPECT_EQ(controller, nullptr);
  EXPECT_EQ(restarts, 0) << "a restart came for a controller that was gone";
}

// Runs the loop until `restarts` reaches `count` or 5 s pass.
void RunUntil(boost::asio::io_context& io, const int& restarts, int count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (restarts < count && std::chrono::steady_clock::now() < deadline) {
    io.run_for(milliseconds(10));
    io.restart();
  }
}

TEST(RestartControllerTest, ADeathIsRecordedWithItsDecisionAndRestartsOnTheLoop) {
  boost::asio::io_context io;
  int restarts = 0;
  RestartController controller(io, QuickPolicy(), [&] { ++restarts; });
  proto::DeathRecord record = Death(41);
  EXPECT_TRUE(controller.OnDeath(&record));
  EXPECT_FALSE(record.restart_decision().empty());
  EXPECT_EQ(controller.decision(), record.restart_decision());
  ASSERT_TRUE(controller.last_death().has_value());
  EXPECT_EQ(controller.last_death()->pid(), 41);
  EXPECT_EQ(controller.deaths(), 1);
  EXPECT_EQ(restarts, 0);  // never from inside OnDeath
  RunUntil(io, restarts, 1);
  EXPECT_EQ(restarts, 1);
}

TEST(RestartControllerTest, ACrashLoopStopsRestartsUntilStartOver) {
  boost::asio::io_context io;
  int restarts = 0;
  RestartController controller(io, QuickPolicy(), [&] { ++restarts; });
  for (int i = 0; i < 2; ++i) {
    proto::DeathRecord record = Death(100 + i);
    ASSERT_TRUE(controller.OnDeath(&record));
    RunUntil(io, restarts, i + 1);
    controller.OnStarted();
  }
  proto::DeathRecord third = Death(102);
  EXPECT_FALSE(controller.OnDeath(&third));
  EXPECT_TRUE(controller.stopped());
  EXPECT_NE(third.restart_decision().find("crash loop"), std::string::npos) << third.restart_decision();
  EXPECT_EQ(controller.deaths(), 3);

  controller.StartOver();  // the user reloads: the policy forgets the loop
  controller.OnStarted();
  EXPECT_FALSE(controller.stopped());
  proto::DeathRecord fourth = Death(103);
  EXPECT_TRUE(controller.OnDeath(&fourth));
  EXPECT_EQ(controller.deaths(), 4);  // the count is the tab's, not the policy's
}

TEST(RestartControllerTest, ACancelledRestartNeverComes) {
  boost::asio::io_context io;
  int restarts = 0;
  RestartController controller(io, QuickPolicy(), [&] { ++restarts; });
  proto::DeathRecord first = Death(1);
  controller.OnDeath(&first);
  RunUntil(io, restarts, 1);
  controller.OnStarted();
  proto::DeathRecord second = Death(2);  // the second restart waits base_delay
  ASSERT_TRUE(controller.OnDeath(&second));
  controller.Cancel();
  io.run_for(milliseconds(200));
  EXPECT_EQ(restarts, 1);
}

TEST(RestartControllerTest, StartOverDoesNotWaitForADelayedRestart) {
  boost::asio::io_context io;
  int restarts = 0;
  CrashPolicyConfig slow = QuickPolicy();
  slow.base_delay = milliseconds(60'000);
  slow.max_delay = milliseconds(60'000);
  RestartController controller(io, slow, [&] { ++restarts; });
  proto::DeathRecord first = Death(1), second = Death(2);
  controller.OnDeath(&first);
  RunUntil(io, restarts, 1);
  controller.OnStarted();
  ASSERT_TRUE(controller.OnDeath(&second));  // a minute's wait
  controller.StartOver();                    // the caller starts the renderer itself now
  io.run_for(milliseconds(100));
  EXPECT_EQ(restarts, 1);  // the timer does not also fire
}

}  // namespace
}  // namespace sandtab::browser
