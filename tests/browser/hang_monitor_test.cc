// HangMonitor on a fake clock with a 100 ms timeout: time moves only when a
// test advances it, so nothing sleeps and every instant is exact.
#include "browser/process/hang_monitor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace sandtab::browser {
namespace {

using std::chrono::milliseconds;
using TimePoint = MonitorClock::TimePoint;

constexpr milliseconds kTimeout(100);

// Virtual time and what is due in it: the monitor's alarm, and whatever
// the test's "child" does later (a pong 20 ms after the ping).
class FakeTime {
 public:
  using Key = std::pair<TimePoint, uint64_t>;

  TimePoint now() const { return now_; }
  Key Schedule(TimePoint at, std::function<void()> run) {
    Key key{at, next_++};
    events_.emplace(key, std::move(run));
    return key;
  }
  void Unschedule(const Key& key) { events_.erase(key); }
  // Runs everything due up to now + d, in time order, each at its instant.
  void Advance(milliseconds d) {
    const TimePoint target = now_ + d;
    while (!events_.empty() && events_.begin()->first.first <= target) {
      auto it = events_.begin();
      now_ = it->first.first;
      auto run = std::move(it->second);
      events_.erase(it);
      run();
    }
    now_ = target;
  }

 private:
  // Not the epoch: the monitor reads a zero time point as "never pinged".
  TimePoint now_{std::chrono::seconds(1000)};
  uint64_t next_ = 0;
  std::map<Key, std::function<void()>> events_;
};

class FakeClock : public MonitorClock {
 public:
  explicit FakeClock(FakeTime& time) : time_(time) {}
  ~FakeClock() override { Cancel(); }
  TimePoint Now() const override { return time_.now(); }
  void WakeAt(TimePoint when, std::function<void()> wake) override {
    Cancel();
    alarm_ = time_.Schedule(when, [this, wake = std::move(wake)] {
      alarm_.reset();
      wake();
    });
  }
  void Cancel() override {
    if (alarm_) time_.Unschedule(*alarm_);
    alarm_.reset();
  }
  TimePoint alarm() const override { return alarm_ ? alarm_->first : TimePoint::max(); }

 private:
  FakeTime& time_;
  std::optional<FakeTime::Key> alarm_;
};

class HangMonitorTest : public ::testing::Test {
 protected:
  std::unique_ptr<MonitorClock> Clock() { return std::make_unique<FakeClock>(time_); }
  // A monitor of a child that never answers: its pings go to pings_ and its
  // hangs to hangs_, nothing else.
  std::unique_ptr<HangMonitor> RecordingMonitor() {
    return std::make_unique<HangMonitor>(
        Clock(), kTimeout, [this](uint64_t cookie) { pings_.push_back(cookie); },
        [this](milliseconds waited) { hangs_.push_back(waited); });
  }
  milliseconds Since(TimePoint t) const { return std::chrono::duration_cast<milliseconds>(time_.now() - t); }

  FakeTime time_;
  std::vector<uint64_t> pings_;
  std::vector<TimePoint> ping_times_;
  std::vector<milliseconds> hangs_;
  std::vector<TimePoint> hang_times_;
};

TEST_F(HangMonitorTest, PongsInTimeNeverTrigger) {
  std::optional<HangMonitor> monitor;
  std::vector<bool> accepted;
  monitor.emplace(
      Clock(), kTimeout,
      [&](uint64_t cookie) {
        pings_.push_back(cookie);
        // A healthy child answers from its loop, a little later.
        time_.Schedule(time_.now() + milliseconds(20), [&, cookie] { accepted.push_back(monitor->OnPong(cookie)); });
      },
      [&](milliseconds waited) { hangs_.push_back(waited); });
  monitor->Start();
  time_.Advance(milliseconds(550));
  EXPECT_TRUE(hangs_.empty()) << "declared a responsive child hung after " << hangs_.front().count() << " ms";
  // One ping per timeout (at 0, 100, ... 500 ms), each with a fresh cookie.
  EXPECT_EQ(pings_.size(), 6u);
  for (size_t i = 1; i < pings_.size(); ++i) EXPECT_NE(pings_[i], pings_[i - 1]);
  ASSERT_EQ(accepted.size(), 6u);
  for (size_t i = 0; i < accepted.size(); ++i) EXPECT_TRUE(accepted[i]) << "pong " << i;
  monitor->Stop();
}

TEST_F(HangMonitorTest, NoPongTriggersOnceAfterTheTimeout) {
  std::optional<HangMonitor> monitor;
  const TimePoint started = time_.now();
  monitor.emplace(
      Clock(), kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        hang_times_.push_back(time_.now());
        monitor->Stop();  // as the browser does: kill the child, stop watching
      });
  monitor->Start();
  time_.Advance(kTimeout - milliseconds(1));
  EXPECT_TRUE(hangs_.empty()) << "declared hung before the timeout";
  time_.Advance(milliseconds(400));
  ASSERT_EQ(hangs_.size(), 1u);
  // Deadlines land on a 25 ms grid (a quarter of the timeout): never
  // earlier than the timeout, at most one tick later.
  EXPECT_GE(hangs_[0], kTimeout);
  EXPECT_LE(hangs_[0], kTimeout + kTimeout / 4);
  EXPECT_GE(hang_times_[0] - started, kTimeout);
  EXPECT_EQ(pings_.size(), 1u);  // no ping after the stop
}

TEST_F(HangMonitorTest, AlwaysSilentChildIsDeclaredHungEveryTimeoutNeverEarlier) {
  // Without a Stop in the callback the monitor keeps watching; still never
  // more often than once per timeout, and never before one.
  const TimePoint started = time_.now();
  HangMonitor monitor(
      Clock(), kTimeout, [&](uint64_t cookie) { pings_.push_back(cookie); },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        hang_times_.push_back(time_.now());
      });
  monitor.Start();
  time_.Advance(milliseconds(350));
  monitor.Stop();
  ASSERT_GE(hangs_.size(), 2u);
  EXPECT_LE(hangs_.size(), 3u);
  for (auto waited : hangs_) EXPECT_GE(waited, kTimeout);
  EXPECT_GE(hang_times_[0] - started, kTimeout);
  for (size_t i = 1; i < hang_times_.size(); ++i) EXPECT_GE(hang_times_[i] - hang_times_[i - 1], kTimeout);
}

TEST_F(HangMonitorTest, LatePongAfterTheTimeoutDoesNotHelp) {
  std::optional<HangMonitor> monitor;
  monitor.emplace(
      Clock(), kTimeout,
      [&](uint64_t cookie) {
        pings_.push_back(cookie);
        time_.Schedule(time_.now() + kTimeout * 2, [&, cookie] { monitor->OnPong(cookie); });
      },
      [&](milliseconds waited) {
        hangs_.push_back(waited);
        monitor->Stop();
      });
  monitor->Start();
  time_.Advance(milliseconds(400));
  EXPECT_EQ(hangs_.size(), 1u);
}

TEST_F(HangMonitorTest, WrongCookieIsRejected) {
  auto monitor = RecordingMonitor();
  EXPECT_FALSE(monitor->OnPong(1)) << "a pong before any ping";
  monitor->Start();
  ASSERT_EQ(pings_.size(), 1u);
  const uint64_t cookie = pings_[0];
  EXPECT_NE(cookie, 0u);
  EXPECT_FALSE(monitor->OnPong(cookie + 1));
  EXPECT_FALSE(monitor->OnPong(0));
  EXPECT_FALSE(monitor->OnPong(~cookie));
  // A wrong cookie does not count as an answer: the child is still declared hung.
  time_.Advance(milliseconds(150));
  EXPECT_EQ(hangs_.size(), 1u);
  monitor->Stop();
}

TEST_F(HangMonitorTest, RightCookieIsAcceptedOnce) {
  auto monitor = RecordingMonitor();
  monitor->Start();
  ASSERT_EQ(pings_.size(), 1u);
  EXPECT_TRUE(monitor->OnPong(pings_[0]));
  EXPECT_FALSE(monitor->OnPong(pings_[0])) << "a replayed pong was accepted";
  monitor->Stop();
}

TEST_F(HangMonitorTest, StopPreventsAnyCallback) {
  auto monitor = RecordingMonitor();
  monitor->Start();
  ASSERT_EQ(pings_.size(), 1u);
  monitor->Stop();
  time_.Advance(milliseconds(350));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

TEST_F(HangMonitorTest, StopWhileAPingIsOutstandingHalfwayPreventsTheHang) {
  auto monitor = RecordingMonitor();
  monitor->Start();
  time_.Schedule(time_.now() + kTimeout / 2, [&] { monitor->Stop(); });
  time_.Advance(milliseconds(350));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

TEST_F(HangMonitorTest, DestroyingTheMonitorPreventsAnyCallback) {
  {
    auto monitor = RecordingMonitor();
    monitor->Start();
  }
  time_.Advance(milliseconds(250));
  EXPECT_TRUE(hangs_.empty());
  EXPECT_EQ(pings_.size(), 1u);
}

// A child that answers at once (on its next loop turn), for the interval tests.
struct AnsweringChild {
  std::optional<HangMonitor> monitor;
  std::vector<TimePoint> pings;
  std::vector<milliseconds> hangs;
  std::vector<TimePoint> hang_times;
  bool answers = true;
  AnsweringChild(FakeTime& time, std::unique_ptr<MonitorClock> clock) {
    monitor.emplace(
        std::move(clock), kTimeout,
        [this, &time](uint64_t cookie) {
          pings.push_back(time.now());
          if (answers) time.Schedule(time.now(), [this, cookie] { monitor->OnPong(cookie); });
        },
        [this, &time](milliseconds waited) {
          hangs.push_back(waited);
          hang_times.push_back(time.now());
        });
  }
};

TEST_F(HangMonitorTest, AnIdleIntervalSpacesThePingsOut) {
  AnsweringChild child(time_, Clock());
  child.monitor->SetIdleInterval(milliseconds(400));
  child.monitor->Start();
  time_.Advance(milliseconds(900));
  // At 0, 400 and 800 ms: not one per 100 ms timeout.
  EXPECT_EQ(child.pings.size(), 3u);
  for (size_t i = 1; i < child.pings.size(); ++i) {
    EXPECT_GE(child.pings[i] - child.pings[i - 1], milliseconds(400)) << "ping " << i;
  }
  EXPECT_TRUE(child.hangs.empty());
  child.monitor->Stop();
}

TEST_F(HangMonitorTest, WorkBringsTheNextPingBackToOneTimeout) {
  AnsweringChild child(time_, Clock());
  child.monitor->SetIdleInterval(milliseconds(5000));
  child.monitor->Start();
  time_.Advance(milliseconds(150));
  ASSERT_EQ(child.pings.size(), 1u);
  // The child gets work and stops answering: caught within two timeouts
  // (plus the 25 ms grid), not after the 5 s idle interval.
  child.answers = false;
  const TimePoint work_sent = time_.now();
  child.monitor->OnWorkSent();
  time_.Advance(milliseconds(300));
  ASSERT_GE(child.pings.size(), 2u);
  ASSERT_GE(child.hangs.size(), 1u);
  // The next ping is due one timeout after the last (at 100 ms), which has
  // passed: it goes at the next tick of the grid.
  EXPECT_LE(child.pings[1] - work_sent, kTimeout / 4);
  EXPECT_LE(child.hang_times[0] - work_sent, 2 * kTimeout + kTimeout / 4);
  child.monitor->Stop();
}

TEST_F(HangMonitorTest, ShorteningTheIntervalTakesEffectAtOnce) {
  AnsweringChild child(time_, Clock());
  child.monitor->SetIdleInterval(milliseconds(5000));
  child.monitor->Start();
  time_.Advance(milliseconds(150));
  ASSERT_EQ(child.pings.size(), 1u);
  child.monitor->SetIdleInterval(kTimeout);  // the tab came to the front
  time_.Advance(milliseconds(400));
  EXPECT_GE(child.pings.size(), 4u);
  child.monitor->Stop();
}

// The production clock still drives the monitor on a real loop (the one
// test that waits: one timeout of 20 ms; the loop ends at the stop).
TEST(HangMonitorOnAsio, DeclaresASilentChildHungOnTheLoopsClock) {
  boost::asio::io_context io;
  int hangs = 0;
  std::optional<HangMonitor> monitor;
  monitor.emplace(
      io, milliseconds(20), [](uint64_t) {},
      [&](milliseconds waited) {
        EXPECT_GE(waited, milliseconds(20));
        ++hangs;
        monitor->Stop();
      });
  monitor->Start();
  io.run_for(std::chrono::seconds(5));
  EXPECT_EQ(hangs, 1);
}

}  // namespace
}  // namespace sandtab::browser
