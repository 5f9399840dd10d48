// RendererKeeper: starts a tab's renderer, counts its hosts, and after a
// death follows the crash policy (restart after its delay, or stop until
// the user asks). The renderers are fake children: real processes, so
// kills, reaping and death records are real.
#include "browser/tab/renderer_keeper.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <vector>

#include "browser/common/browser_config.h"
#include "browser/loader/loader_policy.h"
#include "browser/loader/resource_loader.h"
#include "browser/loader/site.h"
#include "browser/process/child_reaper.h"
#include "browser/process/frame_sink.h"
#include "browser/process/process_registry.h"
#include "browser/tab/tab_context.h"
#include "tests/browser/fake_renderer.h"
#include "tests/support/run_until.h"

namespace sandtab::browser {
namespace {

using test::RunUntil;

constexpr int kTabId = 4;

// The tab's part: hears the renderer, and hands its death to the keeper as
// Tab does.
class FakeTab : public testing::AcceptingRendererClient, public RendererKeeper::Delegate {
 public:
  void OnRendererReady() override { ++readies; }
  void OnRendererGone(const proto::DeathRecord& record) override {
    deaths.push_back(record);
    restarting.push_back(keeper->OnGone(record));
  }
  void OnRendererLaunching() override { ++launching; }
  void OnRendererAdopted() override { ++adopted; }
  ProcessUse RendererUse() override {
    ProcessUse use;
    use.role = ProcessRole::kRenderer;
    use.tab = kTabId;
    return use;
  }

  RendererKeeper* keeper = nullptr;
  int readies = 0;
  int launching = 0;
  int adopted = 0;
  std::vector<proto::DeathRecord> deaths;
  std::vector<bool> restarting;
};

class RendererKeeperTest : public ::testing::Test {
 protected:
  RendererKeeperTest() {
    auto sink = FrameSink::Create(64, 48);
    EXPECT_TRUE(sink);
    sink_ = std::move(*sink);
  }
  ~RendererKeeperTest() override {
    keeper_.reset();
    EXPECT_TRUE(RunUntil(io_, [&] { return reaper_.watched() == 0; })) << "a fake renderer was not reaped";
  }

  void MakeKeeper(CrashPolicyConfig policy) {
    context_.emplace(TabContext{{io_, config_, launcher_, reaper_, processes_, policy, std::chrono::seconds(30),
                                 nullptr, [this](const proto::DeathRecord& record) { death_log_.push_back(record); }},
                                loader_,
                                /*plugins=*/nullptr,
                                /*spare=*/nullptr,
                                /*on_tab_changed=*/{},
                                /*storage=*/nullptr,
                                /*on_tab_used=*/{}});
    keeper_ = std::make_unique<RendererKeeper>(kTabId, *context_, *sink_, &tab_, &tab_);
    tab_.keeper = keeper_.get();
  }
  // Runs until the keeper has a host for the newest launch, and says Hello
  // through it.
  std::unique_ptr<testing::RendererPeer> Connect() {
    EXPECT_TRUE(RunUntil(io_, [&] { return keeper_->host() != nullptr; })) << "no host was made";
    auto peer = std::make_unique<testing::RendererPeer>(io_, launcher_.TakePeer());
    peer->SendHello();
    const int readies = tab_.readies;
    EXPECT_TRUE(RunUntil(io_, [&] { return tab_.readies > readies; }));
    return peer;
  }

  ProcessRegistry processes_{::getpid()};  // outlives the loop and what it still holds
  boost::asio::io_context io_;
  BrowserConfig config_;
  ChildReaper reaper_{io_};
  testing::FakeRendererLauncher launcher_{io_};
  ResourceLoader loader_{io_, LoaderPolicy("/nonexistent"), /*log_to_stderr=*/false};
  std::unique_ptr<FrameSink> sink_;
  FakeTab tab_;
  std::vector<proto::DeathRecord> death_log_;
  std::optional<TabContext> context_;
  std::unique_ptr<RendererKeeper> keeper_;
};

TEST_F(RendererKeeperTest, StartLaunchesOneRendererAndCountsItsHost) {
  MakeKeeper({});
  keeper_->Start();
  EXPECT_EQ(tab_.launching, 1);
  EXPECT_TRUE(keeper_->launching());
  keeper_->Start();  // one is on its way already
  EXPECT_EQ(launcher_.launches(), 1);
  auto peer = Connect();
  EXPECT_FALSE(keeper_->launching());
  EXPECT_EQ(keeper_->host()->pid(), launcher_.pids().back());
  EXPECT_EQ(keeper_->generation(), 1u);
  keeper_->Start();  // one runs
  EXPECT_EQ(launcher_.launches(), 1);
}

TEST_F(RendererKeeperTest, AFailedLaunchIsADeathAndTheFirstRestartIsImmediate) {
  MakeKeeper({});
  launcher_.failures = 1;
  keeper_->Start();
  ASSERT_TRUE(RunUntil(io_, [&] { return !tab_.deaths.empty(); }));
  EXPECT_EQ(tab_.deaths[0].cause(), proto::DeathRecord::LAUNCH_FAILED);
  EXPECT_TRUE(tab_.restarting[0]);
  ASSERT_EQ(death_log_.size(), 1u);
  ASSERT_EQ(death_log_[0].tab_ids_size(), 1);
  EXPECT_EQ(death_log_[0].tab_ids(0), kTabId);
  EXPECT_EQ(death_log_[0].restart_decision(), keeper_->restart_decision());
  EXPECT_EQ(keeper_->crashes(), 1);
  ASSERT_TRUE(keeper_->last_death());
  EXPECT_EQ(keeper_->last_death()->cause(), proto::DeathRecord::LAUNCH_FAILED);
  ASSERT_TRUE(RunUntil(io_, [&] { return launcher_.launches() == 2; })) << "no restart";
  auto peer = Connect();
  EXPECT_EQ(keeper_->crashes(), 1);
}

TEST_F(RendererKeeperTest, ADeadRendererIsReplacedAndItsHostNoLongerCounts) {
  MakeKeeper({});
  keeper_->Start();
  auto peer = Connect();
  const pid_t first = keeper_->host()->pid();
  const uint64_t generation = keeper_->generation();
  keeper_->host()->Kill(proto::DeathRecord::KILLED_BY_USER, "test");
  ASSERT_TRUE(RunUntil(io_, [&] { return tab_.deaths.size() == 1; }));
  EXPECT_EQ(tab_.deaths[0].pid(), first);
  EXPECT_EQ(keeper_->last_death()->cause(), proto::DeathRecord::KILLED_BY_USER);
  EXPECT_GT(keeper_->generation(), generation);
  auto second = Connect();
  EXPECT_NE(keeper_->host()->pid(), first);
  EXPECT_EQ(launcher_.launches(), 2);
}

TEST_F(RendererKeeperTest, ACrashLoopStopsRestartsUntilTheUserStartsOver) {
  MakeKeeper({std::chrono::milliseconds(1), std::chrono::milliseconds(1), /*loop_crashes=*/2, std::chrono::minutes(1)});
  launcher_.failures = 2;
  keeper_->Start();
  ASSERT_TRUE(RunUntil(io_, [&] { return tab_.deaths.size() == 2; }));
  EXPECT_EQ(tab_.restarting, (std::vector<bool>{true, false}));
  EXPECT_TRUE(keeper_->stopped());
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(launcher_.launches(), 2) << "restarted in a crash loop";
  keeper_->StartOver();
  EXPECT_FALSE(keeper_->stopped());
  auto peer = Connect();
  EXPECT_EQ(launcher_.launches(), 3);
}

TEST_F(RendererKeeperTest, ALaunchThatEndsAfterCloseIsDiscardedAndReaped) {
  MakeKeeper({});
  keeper_->Start();
  keeper_->Close();
  ASSERT_EQ(launcher_.pids().size(), 1u);
  const pid_t pid = launcher_.pids()[0];
  ASSERT_TRUE(RunUntil(io_, [&] { return ::kill(pid, 0) != 0; })) << "the discarded renderer still exists";
  test::RunFor(io_, std::chrono::milliseconds(20));
  EXPECT_EQ(keeper_->host(), nullptr);
  EXPECT_TRUE(tab_.deaths.empty());
  keeper_->Start();  // closed for good
  EXPECT_EQ(launcher_.launches(), 1);
}

TEST_F(RendererKeeperTest, AScriptTimedOutKillsTheRendererAsUnresponsiveAndItIsRestarted) {
  MakeKeeper({});
  keeper_->Start();
  auto peer = Connect();
  const pid_t first = keeper_->host()->pid();
  proto::RendererToBrowser timed_out;
  timed_out.mutable_script_timed_out()->set_detail("script ran past 2000 ms (page.html:3)");
  peer->Send(timed_out);
  ASSERT_TRUE(RunUntil(io_, [&] { return tab_.deaths.size() == 1; })) << "the renderer was not killed";
  EXPECT_EQ(tab_.deaths[0].pid(), first);
  EXPECT_EQ(tab_.deaths[0].cause(), proto::DeathRecord::UNRESPONSIVE);
  EXPECT_EQ(tab_.deaths[0].detail(), "script ran past 2000 ms (page.html:3)");
  EXPECT_TRUE(tab_.restarting[0]) << "the crash policy restarts a hung renderer";
  ASSERT_EQ(death_log_.size(), 1u);
  EXPECT_EQ(death_log_[0].cause(), proto::DeathRecord::UNRESPONSIVE);
  auto second = Connect();
  EXPECT_NE(keeper_->host()->pid(), first);
  EXPECT_EQ(launcher_.launches(), 2);
}

TEST_F(RendererKeeperTest, ADeathNamesTheSiteTheRendererWasLockedTo) {
  MakeKeeper({});
  keeper_->Start();
  auto peer = Connect();
  keeper_->lock().Commit(SiteForSpec("http://localhost:8080/"));
  keeper_->host()->Kill(proto::DeathRecord::KILLED_BY_USER, "test");
  ASSERT_TRUE(RunUntil(io_, [&] { return death_log_.size() == 1; }));
  EXPECT_EQ(death_log_[0].site(), "http://localhost");
  EXPECT_EQ(keeper_->last_death()->site(), "http://localhost");
  auto second = Connect();
  EXPECT_EQ(keeper_->lock().ToString(), "none") << "a restarted renderer is a new process, locked afresh";
}

// A navigation to another site: the renderer is let go, a new one starts
// unlocked, and the tab's picture and crash count are untouched.
TEST_F(RendererKeeperTest, ASwapRetiresTheRendererAndStartsAFreshOne) {
  MakeKeeper({});
  keeper_->Start();
  auto peer = Connect();
  const pid_t first = keeper_->host()->pid();
  keeper_->lock().Commit(SiteForSpec("http://127.0.0.1/"));
  const uint64_t generation = keeper_->generation();
  keeper_->SwapProcess();
  EXPECT_EQ(keeper_->retiring(), 1u);
  EXPECT_EQ(keeper_->lock().ToString(), "none");
  EXPECT_GT(keeper_->generation(), generation) << "answers meant for the old renderer must be dropped";
  EXPECT_EQ(tab_.launching, 2);
  auto second = Connect();
  EXPECT_NE(keeper_->host()->pid(), first);
  EXPECT_EQ(launcher_.launches(), 2);
  EXPECT_EQ(keeper_->crashes(), 0);
  // The fake child ignores its closed channel (a real renderer exits): it
  // is killed, and its death names the site it was locked to.
  ASSERT_TRUE(RunUntil(
      io_, [&] { return keeper_->retiring() == 0; }, std::chrono::seconds(10)));
  ASSERT_EQ(death_log_.size(), 1u);
  EXPECT_EQ(death_log_[0].pid(), first);
  EXPECT_EQ(death_log_[0].cause(), proto::DeathRecord::UNRESPONSIVE);
  EXPECT_EQ(death_log_[0].site(), "http://127.0.0.1");
  EXPECT_TRUE(tab_.deaths.empty()) << "the retired renderer's end is not the tab's";
  EXPECT_TRUE(keeper_->host()->alive());
}

// Found by the renderer_dispatch fuzzer (whose rule looked only at the
// tab's last death): a renderer killed for a bad message is still the tab's
// until it is reaped, and a navigation to another site in that moment
// retires it. Its death is then the retired renderers', not the tab's, and
// must still say why it was killed.
TEST_F(RendererKeeperTest, ARendererKilledAndSwappedBeforeItIsReapedIsRecordedWithItsCause) {
  MakeKeeper({});
  keeper_->Start();
  auto peer = Connect();
  const pid_t first = keeper_->host()->pid();
  keeper_->host()->Kill(proto::DeathRecord::BAD_MESSAGE, "a second Hello");
  keeper_->SwapProcess();  // before the loop heard SIGCHLD
  auto second = Connect();
  ASSERT_TRUE(RunUntil(io_, [&] { return !death_log_.empty(); })) << "the killed renderer's death was never recorded";
  ASSERT_EQ(death_log_.size(), 1u);
  EXPECT_EQ(death_log_[0].pid(), first);
  EXPECT_EQ(death_log_[0].cause(), proto::DeathRecord::BAD_MESSAGE);
  EXPECT_EQ(death_log_[0].detail(), "a second Hello");
  EXPECT_TRUE(tab_.deaths.empty()) << "the retired renderer's end is not the tab's";
  EXPECT_EQ(keeper_->crashes(), 0);
}

}  // namespace
}  // namespace sandtab::browser
