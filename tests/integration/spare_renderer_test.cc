// The spare renderer (browser/tab/spare_renderer.h): one sandboxed, warmed-up
// renderer waits while tabs are open; the next new or restarted tab takes it
// with its surface, a new spare follows, and none is left once the last tab
// closes. On by default, as Chrome keeps one; --no-spare-renderer: one
// renderer per tab, exactly.
#include <signal.h>

#include <algorithm>
#include <thread>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class SpareRendererTest : public ShellTest {
 protected:
  // The ready spare's pid, once `stats` says there is one other than `not_this`.
  pid_t WaitForReadySpare(pid_t not_this = -1) {
    Json stats;
    const bool ready = PollUntil(
        [&] {
          stats = Ok("stats");
          return stats.get<std::string>("spare_state", "") == "ready" && stats.get<pid_t>("spare_pid", -1) > 0 &&
                 stats.get<pid_t>("spare_pid", -1) != not_this;
        },
        10s);
    Require(ready, "no ready spare renderer within 10 s: " + ToJsonText(stats));
    return stats.get<pid_t>("spare_pid");
  }

  int RendererRows() {
    int rows = 0;
    const Json ps = Ok("ps");
    for (const auto& [key, entry] : ps.get_child("processes")) rows += entry.get<std::string>("type") == "renderer";
    return rows;
  }
};

TEST_F(SpareRendererTest, OnByDefault) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  EXPECT_NE(spare, tab.pid);
  EXPECT_EQ(PsEntry(spare).get<std::string>("type", ""), "spare-renderer") << ToJsonText(Ok("ps"));
  EXPECT_EQ(RendererRows(), 1) << ToJsonText(Ok("ps"));
}

TEST_F(SpareRendererTest, OffWithNoSpareRenderer) {
  StartShell({"--no-spare-renderer"});
  TabRef tab = Open(kIndex.file);
  Json stats = Ok("stats");
  EXPECT_EQ(stats.get<std::string>("spare_state", ""), "off") << ToJsonText(stats);
  EXPECT_EQ(stats.get<int>("spare_pid", 0), -1);
  std::this_thread::sleep_for(300ms);  // longer than a spare's refill delay
  EXPECT_EQ(RendererDescendants(browser_pid()), std::vector<pid_t>{tab.pid});
}

TEST_F(SpareRendererTest, ASandboxedSpareWaitsBesideTheTabsAndIsListedApart) {
  StartShell({"--spare-renderer"});
  TabRef tab = Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  EXPECT_NE(spare, tab.pid);
  Json entry = PsEntry(spare);
  ASSERT_FALSE(entry.empty()) << "ps does not list the spare";
  EXPECT_EQ(entry.get<std::string>("type"), "spare-renderer");
  EXPECT_EQ(entry.get<int>("tab"), 0);
  EXPECT_TRUE(JsonBool(entry, "sandboxed")) << ToJsonText(entry);
  EXPECT_EQ(RendererRows(), 1) << "\"renderer\" rows stay one per tab";
  EXPECT_EQ(RendererDescendants(browser_pid()),
            (std::vector<pid_t>{std::min(tab.pid, spare), std::max(tab.pid, spare)}));
}

TEST_F(SpareRendererTest, AKilledTabRestartsInTheSpareAndANewSpareFollows) {
  StartShell({"--spare-renderer"});
  TabRef other = Open(kArticle.file);
  TabRef tab = Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  // The second tab may have taken the first spare already (on a busy machine).
  const int taken_before = Ok("stats").get<int>("spares_taken");
  Image other_before = Screenshot(other.id);

  Ok("kill " + std::to_string(tab.id));
  Json restored = WaitForRestart(tab.id, tab.pid);
  EXPECT_EQ(restored.get<pid_t>("pid"), spare) << "the restart did not take the spare: " << ToJsonText(restored);
  EXPECT_EQ(restored.get<std::string>("last_death.cause", ""), "killed_by_user");
  EXPECT_EQ(restored.get<std::string>("title"), kIndex.title);
  // The page painted by the spare into the surface it brought along.
  Image after = Screenshot(tab.id);
  EXPECT_EQ(after.At(kBlockCentreX, kBlockCentreY), kIndex.block);
  EXPECT_EQ(after.At(kBackgroundX, kBackgroundY), kIndex.background);

  const pid_t next = WaitForReadySpare(spare);
  EXPECT_NE(next, tab.pid);
  EXPECT_NE(next, other.pid);
  EXPECT_EQ(Ok("stats").get<int>("spares_taken"), taken_before + 1);
  // The other tab kept its renderer and its pixels.
  EXPECT_EQ(Tab(other.id).get<pid_t>("pid"), other.pid);
  EXPECT_EQ(Screenshot(other.id).CountDifferent(other_before), 0u);
}

TEST_F(SpareRendererTest, ANewTabTakesTheSpare) {
  StartShell({"--spare-renderer"});
  Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  TabRef second = Open(kTable.file);
  EXPECT_EQ(second.pid, spare);
  EXPECT_EQ(Screenshot(second.id).At(kBlockCentreX, kBlockCentreY), kTable.block);
}

TEST_F(SpareRendererTest, ASpareKilledFromOutsideIsRecordedAndReplaced) {
  StartShell({"--spare-renderer"});
  TabRef tab = Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  ASSERT_EQ(::kill(spare, SIGKILL), 0);
  const pid_t next = WaitForReadySpare(spare);
  EXPECT_NE(next, spare);
  Json stats = Ok("stats");
  EXPECT_EQ(stats.get<int>("deaths"), 1) << ToJsonText(stats);
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid) << "the tab is not touched by the spare's death";
  EXPECT_EQ(Tab(tab.id).get<int>("crashes"), 0);
}

TEST_F(SpareRendererTest, ClosingTheLastTabEndsTheSpareWithNoResidue) {
  StartShell({"--spare-renderer"});
  Json baseline = Ok("stats");
  TabRef tab = Open(kIndex.file);
  const pid_t spare = WaitForReadySpare();
  Ok("close " + std::to_string(tab.id));
  Json stats;
  const bool settled = PollUntil(
      [&] {
        stats = Ok("stats");
        return stats.get<int>("live_children") == 0 && stats.get<int>("spare_pid") == -1 &&
               RendererDescendants(browser_pid()).empty() && IsGone(spare);
      },
      5s);
  EXPECT_TRUE(settled) << ToJsonText(stats);
  EXPECT_EQ(stats.get<int>("fds"), baseline.get<int>("fds")) << ToJsonText(stats);
  EXPECT_EQ(stats.get<int>("memfds"), 0);
  EXPECT_EQ(stats.get<int>("zombies"), 0);
  EXPECT_EQ(stats.get<int>("deaths"), 0) << "a dropped spare is not a death";
  // A new tab brings a spare back.
  Open(kArticle.file);
  EXPECT_TRUE(IsAlive(WaitForReadySpare(spare)));
}

}  // namespace
}  // namespace sandtab::integration
