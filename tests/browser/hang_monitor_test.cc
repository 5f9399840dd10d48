// HangMonitor on a real io_context with a 100 ms timeout.
#include "browser/hang_monitor.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <vector>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr milliseconds kTimeout(100);

class HangMonitorTest : public ::testing::Test {
 protected:
  // Runs the loop for `duration` (the monitor's timer keeps it busy).
  void RunFor(milliseconds duration) {
    io_.restart();
    io_.run_for(duration);
  }

  boost::asio::io_context io_;
  std::vector<uint64_t> pings_;
  std::vector<Clock::time_point> ping_times_;
  std::vector<milliseconds> hangs_;
  std::vector<Clock::time_point> hang_times_;
};

TEST_F(HangMonitorTest, PongsInTimeNeverTrigger) {
  std::optional<HangMonitor> monitor;
  std::vector<bool> accepted;
  monitor.emplace(
      io_, kTimeout,
      [&](uint64_t cookie) {
        pings_.push_back(cookie);
        // A healthy child answers from its loop, a little later.
        auto timer = std::make_shared<boost::asio::steady_timer>(io_, milliseconds(20));
        timer->async_wait([&, cookie, timer](const boost::system::error_code& ec) {
          if (!ec) accepted.push_back(monitor->OnPong(cookie));
        });
      },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  monitor->Start();
  RunFor(milliseconds(550));
  EXPECT_TRUE(hangs_.empty()) << "declared a responsive child hung after " << hangs_.front().count() << " ms";
  // It kept pinging, about once per timeout, each with a fresh cookie.
  EXPECT_GE(pings_.size(), 3u);
  EXPECT_LE(pings_.size(), 7u);
  for (size_t i = 1; i < pings_.size(); ++i) EXPECT_NE(pings_[i], pings_[i - 1]);
  for (size_t i = 0; i < accepted.size(); ++i) EXPECT_TRUE(accepted[i]) << "pong " << i;
  monitor->Stop();
}

TEST_F(HangMonitorTest, NoPongTriggersOnceAfterTheTimeout) {
  std::optional<HangMonitor> monitor;
  Clock::time_point started;
  monitor.emplace(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        hang_times_.push_back(Clock::now());
        monitor->Stop();  // as the browser does: kill the child, stop watching
      });
  started = Clock::now();
  monitor->Start();
  RunFor(milliseconds(500));
  ASSERT_EQ(hangs_.size(), 1u);
  EXPECT_GE(hangs_[0], kTimeout);
  EXPECT_LT(hangs_[0], kTimeout * 3);
  EXPECT_GE(hang_times_[0] - started, kTimeout);
  EXPECT_EQ(pings_.size(), 1u);  // no ping after the stop
}

TEST_F(HangMonitorTest, AlwaysSilentChildIsDeclaredHungEveryTimeoutNeverEarlier) {
  // Without a Stop in the callback the monitor keeps watching; still never
  // more often than once per timeout, and never before one.
  Clock::time_point started;
  HangMonitor monitor(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        hang_times_.push_back(Clock::now());
      });
  started = Clock::now();
  monitor.Start();
  RunFor(milliseconds(350));
  monitor.Stop();
  ASSERT_GE(hangs_.size(), 1u);
  EXPECT_LE(hangs_.size(), 3u);
  for (auto waited : hangs_) EXPECT_GE(waited, kTimeout);
  EXPECT_GE(hang_times_[0] - started, kTimeout);
  for (size_t i = 1; i < hang_times_.size(); ++i) EXPECT_GE(hang_times_[i] - hang_times_[i - 1], kTimeout);
}

TEST_F(HangMonitorTest, LatePongAfterTheTimeoutDoesNotHelp) {
  std::optional<HangMonitor> monitor;
  monitor.emplace(
      io_, kTimeout,
      [&](uint64_t cookie) {
        pings_.push_back(cookie);
        auto timer = std::make_shared<boost::asio::steady_timer>(io_, kTimeout * 2);
        timer->async_wait([&, cookie, timer](const boost::system::error_code&) { monitor->OnPong(cookie); });
      },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        monitor->Stop();
      });
  monitor->Start();
  RunFor(milliseconds(400));
  EXPECT_EQ(hangs_.size(), 1u);
}

TEST_F(HangMonitorTest, WrongCookieIsRejected) {
  HangMonitor monitor(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  EXPECT_FALSE(monitor.OnPong(1)) << "a pong before any ping";
  monitor.Start();
  ASSERT_EQ(pings_.size(), 1u);
  const uint64_t cookie = pings_[0];
  EXPECT_NE(cookie, 0u);
  EXPECT_FALSE(monitor.OnPong(cookie + 1));
  EXPECT_FALSE(monitor.OnPong(0));
  EXPECT_FALSE(monitor.OnPong(~cookie));
  // A wrong cookie does not count as an answer: the child is still declared hung.
  RunFor(milliseconds(150));
  EXPECT_EQ(hangs_.size(), 1u);
  monitor.Stop();
}

TEST_F(HangMonitorTest, RightCookieIsAcceptedOnce) {
  HangMonitor monitor(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  monitor.Start();
  ASSERT_EQ(pings_.size(), 1u);
  EXPECT_TRUE(monitor.OnPong(pings_[0]));
  EXPECT_FALSE(monitor.OnPong(pings_[0])) << "a replayed pong was accepted";
  monitor.Stop();
}

TEST_F(HangMonitorTest, StopPreventsAnyCallback) {
  HangMonitor monitor(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  monitor.Start();
  ASSERT_EQ(pings_.size(), 1u);
  monitor.Stop();
  RunFor(milliseconds(350));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

TEST_F(HangMonitorTest, StopWhileAPingIsOutstandingHalfwayPreventsTheHang) {
  HangMonitor monitor(
      io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  monitor.Start();
  boost::asio::steady_timer halfway(io_, kTimeout / 2);
  halfway.async_wait([&](const boost::system::error_code&) { monitor.Stop(); });
  RunFor(milliseconds(350));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

TEST_F(HangMonitorTest, DestroyingTheMonitorPreventsAnyCallback) {
  {
    HangMonitor monitor(
        io_, kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
        [&](milliseconds waited) { hangs_.push_back(waited); });
    monitor.Start();
  }
  RunFor(milliseconds(250));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

// A child that answers at once, for the interval tests.
struct AnsweringChild {
  std::optional<HangMonitor> monitor;
  std::vector<Clock::time_point> pings;
  std::vector<milliseconds> hangs;
  std::vector<Clock::time_point> hang_times;
  bool answers = true;
  AnsweringChild(boost::asio::io_context& io) {
    monitor.emplace(
        io, kTimeout,
        [this, &io](uint64_t cookie) {
          pings.push_back(Clock::now());
          if (answers) boost::asio::post(io, [this, cookie] { monitor->OnPong(cookie); });
        },
        [this](milliseconds waited) {
          hangs.push_back(waited);
          hang_times.push_back(Clock::now());
        });
  }
};

TEST_F(HangMonitorTest, AnIdleIntervalSpacesThePingsOut) {
  AnsweringChild child(io_);
  child.monitor->SetIdleInterval(milliseconds(400));
  child.monitor->Start();
  RunFor(milliseconds(900));
  // At 0, ~400 and ~800 ms: not one per 100 ms timeout.
  EXPECT_GE(child.pings.size(), 2u);
  EXPECT_LE(child.pings.size(), 3u);
  for (size_t i = 1; i < child.pings.size(); ++i) {
    EXPECT_GE(child.pings[i] - child.pings[i - 1], milliseconds(390)) << "ping " << i;
  }
  EXPECT_TRUE(child.hangs.empty());
  child.monitor->Stop();
}

TEST_F(HangMonitorTest, WorkBringsTheNextPingBackToOneTimeout) {
  AnsweringChild child(io_);
  child.monitor->SetIdleInterval(milliseconds(5000));
  child.monitor->Start();
  RunFor(milliseconds(150));
  ASSERT_EQ(child.pings.size(), 1u);
  // The child gets work and stops answering: caught within two timeouts
  // (plus the 25 ms grid), not after the 5 s idle interval.
  child.answers = false;
  const auto work_sent = Clock::now();
  child.monitor->OnWorkSent();
  RunFor(milliseconds(300));
  ASSERT_GE(child.pings.size(), 2u);
  ASSERT_GE(child.hangs.size(), 1u);
  EXPECT_LE(child.pings[1] - work_sent, milliseconds(60));
  EXPECT_LE(child.hang_times[0] - work_sent, 2 * kTimeout + milliseconds(60));
  child.monitor->Stop();
}

TEST_F(HangMonitorTest, ShorteningTheIntervalTakesEffectAtOnce) {
  AnsweringChild child(io_);
  child.monitor->SetIdleInterval(milliseconds(5000));
  child.monitor->Start();
  RunFor(milliseconds(150));
  ASSERT_EQ(child.pings.size(), 1u);
  child.monitor->SetIdleInterval(kTimeout);  // the tab came to the front
  RunFor(milliseconds(400));
  EXPECT_GE(child.pings.size(), 4u);
  child.monitor->Stop();
}

}  // namespace
}  // namespace sandtab::browser
