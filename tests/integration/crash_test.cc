// DESIGN section 6: deaths are classified, the tab is restored at its URL,
// and every other process keeps its pid and its pixels.
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class CrashTest : public ShellTest {
 protected:
  // Navigates tab `id` to a debug URL that ends its renderer; the tab's
  // entry once the death is recorded.
  Json NavigateToDeath(int id, const std::string& debug_url) {
    Ok("nav " + std::to_string(id) + " " + debug_url);
    return WaitForTab(
        id, [](const Json& t) { return t.get<std::string>("last_death.cause", "") != ""; }, 10s,
        "a death after " + debug_url);
  }
};

TEST_F(CrashTest, KillingOneRendererLeavesTheOthersUntouchedAndTheTabComesBack) {
  StartShell();
  TabRef victim = Open(kIndex.file);
  TabRef article = Open(kArticle.file);
  TabRef table = Open(kTable.file);
  std::string victim_url = Tab(victim.id).get<std::string>("url");
  Image article_before = Screenshot(article.id);
  Image table_before = Screenshot(table.id);

  Ok("kill " + std::to_string(victim.id));
  Json restored = WaitForRestart(victim.id, victim.pid);

  // The victim: the death is the user's kill, and the tab is back at its URL.
  EXPECT_EQ(restored.get<std::string>("last_death.cause", ""), "killed_by_user") << ToJsonText(restored);
  EXPECT_EQ(restored.get<int>("last_death.pid", -1), victim.pid);
  EXPECT_EQ(restored.get<int>("last_death.signal", -1), 9) << ToJsonText(restored);
  EXPECT_EQ(restored.get<std::string>("url"), victim_url);
  EXPECT_EQ(restored.get<std::string>("state"), "loaded");
  EXPECT_EQ(restored.get<std::string>("title"), kIndex.title);
  EXPECT_EQ(restored.get<int>("crashes"), 1);
  pid_t new_pid = restored.get<pid_t>("pid");
  EXPECT_NE(new_pid, victim.pid);
  EXPECT_TRUE(IsAlive(new_pid));
  EXPECT_TRUE(PollUntil([&] { return IsGone(victim.pid); }, 5s))
      << "killed renderer " << victim.pid << " still in /proc (zombie?)";
  EXPECT_EQ(Screenshot(victim.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);

  // The others: same pids, alive, no death, same pixels to the byte.
  for (const TabRef& other : {article, table}) {
    Json tab = Tab(other.id);
    EXPECT_EQ(tab.get<pid_t>("pid"), other.pid);
    EXPECT_TRUE(IsAlive(other.pid));
    EXPECT_EQ(tab.get<int>("crashes"), 0);
    EXPECT_EQ(tab.get<std::string>("last_death"), "null");
  }
  EXPECT_EQ(Screenshot(article.id).CountDifferent(article_before), 0u);
  EXPECT_EQ(Screenshot(table.id).CountDifferent(table_before), 0u);

  // The browser answers, and says one death happened.
  EXPECT_EQ(Tabs().size(), 3u);
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 1);
  auto deaths = sandtab::test::ArrayAt(Ok("deaths"), "deaths");
  ASSERT_EQ(deaths.size(), 1u);
  EXPECT_EQ(deaths[0].get<pid_t>("pid"), victim.pid);
}

// `wait` after `kill` must wait for the restarted renderer: the tab is not
// loaded while its renderer is dead.
TEST_F(CrashTest, WaitRightAfterKillAnswersWithTheRestartedRenderer) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  Ok("kill " + std::to_string(tab.id));
  Json waited = Ok("wait " + std::to_string(tab.id) + " 10", 20s);
  EXPECT_NE(waited.get<pid_t>("pid"), tab.pid)
      << "wait answered 'loaded' for the renderer that was just killed: " << ToJsonText(waited);
}

TEST_F(CrashTest, CrashIsASegfaultAndTheTabIsRestoredAtItsUrl) {
  StartShell();
  TabRef tab = Open(kArticle.file);
  TabRef bystander = Open(kIndex.file);
  std::string url = Tab(tab.id).get<std::string>("url");

  Ok("crash " + std::to_string(tab.id));
  Json restored = WaitForRestart(tab.id, tab.pid);
  EXPECT_EQ(restored.get<std::string>("last_death.cause", ""), "crashed") << ToJsonText(restored);
  EXPECT_EQ(restored.get<int>("last_death.signal", -1), 11) << ToJsonText(restored);
  EXPECT_EQ(restored.get<std::string>("url"), url);
  EXPECT_EQ(restored.get<std::string>("state"), "loaded");
  EXPECT_EQ(restored.get<std::string>("title"), kArticle.title);
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kArticle.block);
  EXPECT_TRUE(PollUntil([&] { return IsGone(tab.pid); }, 5s));
  EXPECT_EQ(Tab(bystander.id).get<pid_t>("pid"), bystander.pid);
  EXPECT_EQ(Ok("stats").get<int>("zombies"), 0);
}

// about:abort is SIGABRT (signal 6), as in Chrome.
TEST_F(CrashTest, AboutAbortIsReportedAsSignal6) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  Json dead = NavigateToDeath(tab.id, "about:abort");
  EXPECT_EQ(dead.get<std::string>("last_death.cause", ""), "crashed") << ToJsonText(dead);
  EXPECT_EQ(dead.get<int>("last_death.signal", -1), 6) << ToJsonText(dead);
}

// A renderer that sends a malformed message is killed by the browser and
// the reason recorded (DESIGN section 4).
TEST_F(CrashTest, AboutBadmessageIsKilledAsABadMessage) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  TabRef bystander = Open(kTable.file);
  Json dead = NavigateToDeath(tab.id, "about:badmessage");
  EXPECT_EQ(dead.get<std::string>("last_death.cause", ""), "bad_message") << ToJsonText(dead);
  EXPECT_FALSE(dead.get<std::string>("last_death.detail", "").empty()) << ToJsonText(dead);
  EXPECT_EQ(Tab(bystander.id).get<pid_t>("pid"), bystander.pid);
  EXPECT_TRUE(IsAlive(bystander.pid));
}

// Default policy: 3 crashes within 30 s stop automatic restarts; `reload`
// starts the tab again.
TEST_F(CrashTest, CrashLoopStopsRestartsUntilReload) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  std::string id = std::to_string(tab.id);
  for (int i = 0; i < 3; ++i) {
    pid_t pid = Tab(tab.id).get<pid_t>("pid");
    Ok("crash " + id);
    WaitForTab(
        tab.id,
        [&](const Json& t) {
          return t.get<int>("crashes", 0) == i + 1 &&
                 (t.get<std::string>("state") == "crash-loop" ||
                  (t.get<pid_t>("pid") != pid && t.get<std::string>("state") == "loaded"));
        },
        10s, "crash " + std::to_string(i + 1) + " handled");
  }
  Json looped = Tab(tab.id);
  EXPECT_EQ(looped.get<std::string>("state"), "crash-loop") << ToJsonText(looped);
  EXPECT_EQ(looped.get<pid_t>("pid", 0), -1) << ToJsonText(looped);
  // No child runs for it: the only one left, if any, is the spare renderer
  // (on by default), which is no tab's.
  const int spare = SettledSparePid() ? 1 : 0;
  EXPECT_EQ(Ok("stats").get<int>("live_children", -1), spare);
  // No automatic restart happens while it stays in crash-loop.
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(Tab(tab.id).get<std::string>("state"), "crash-loop");

  Ok("reload " + id);
  Ok("wait " + id + " 10", 20s);
  Json back = Tab(tab.id);
  EXPECT_EQ(back.get<std::string>("state"), "loaded") << ToJsonText(back);
  EXPECT_TRUE(IsAlive(back.get<pid_t>("pid")));
}

// The browser's own Cairo (browser/common/cairo_library.h) is loaded when
// it first draws something itself, such as a sad tab, and not before: a
// page's frame is the renderer's buffer as it is.
TEST_F(CrashTest, TheBrowserLoadsCairoWhenItFirstDrawsASadTab) {
  StartShell({"--crash-loop=1"});
  TabRef tab = Open(kIndex.file);
  auto cairo_mapped = [&] {
    std::ifstream maps("/proc/" + std::to_string(browser_pid()) + "/maps");
    std::stringstream text;
    text << maps.rdbuf();
    EXPECT_FALSE(text.str().empty()) << "no /proc/" << browser_pid() << "/maps";
    return text.str().find("libcairo.so") != std::string::npos;
  };
  Image page = Screenshot(tab.id);
  EXPECT_GT(page.width, 0);
  EXPECT_FALSE(cairo_mapped()) << "a page's screenshot needs no Cairo in the browser";

  Ok("crash " + std::to_string(tab.id));
  WaitForTab(
      tab.id, [](const Json& t) { return t.get<std::string>("state") == "crash-loop"; }, 10s, "the crash loop");
  Image sad = Screenshot(tab.id);
  EXPECT_EQ(sad.width, page.width);
  EXPECT_TRUE(cairo_mapped()) << "the sad tab is drawn with Cairo";
}

// DESIGN section 6: the hang monitor kills a child that stops answering
// pings (here after 2 s) and the tab is restored; its neighbour is untouched.
TEST_F(CrashTest, HungRendererIsKilledByTheHangMonitor) {
  StartShell({"--hang-timeout=2"});
  TabRef tab = Open(kIndex.file);
  TabRef bystander = Open(kTable.file);
  Ok("hang " + std::to_string(tab.id));
  Json restored = WaitForRestart(tab.id, tab.pid, 15s);
  EXPECT_EQ(restored.get<std::string>("last_death.cause", ""), "unresponsive") << ToJsonText(restored);
  EXPECT_EQ(restored.get<std::string>("state"), "loaded");
  EXPECT_TRUE(PollUntil([&] { return IsGone(tab.pid); }, 5s));
  EXPECT_EQ(Tab(bystander.id).get<pid_t>("pid"), bystander.pid);
}

}  // namespace
}  // namespace sandtab::integration
