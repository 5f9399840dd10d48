// DESIGN section 6 for plugins: a plugin's death (killed, crashed, hung,
// misbehaving) shows the "plugin crashed" placeholder in every tab that used
// it, is recorded with the plugin type and the tabs, and touches no renderer;
// reloading a tab starts a new plugin process.
#include <algorithm>

#include "tests/integration/plugin_fixture.h"

namespace sandtab::integration {
namespace {

class PluginCrashTest : public PluginShellTest {
 protected:
  // Waits for exactly one plugin death and returns it.
  Json WaitForPluginDeath(std::chrono::milliseconds timeout) {
    std::vector<Json> deaths;
    bool seen = PollUntil(
        [&] {
          deaths = PluginDeaths();
          return !deaths.empty();
        },
        timeout);
    Require(seen,
            "no plugin death within " + std::to_string(timeout.count()) + " ms; deaths: " + ToJsonText(Ok("deaths")));
    Require(deaths.size() == 1, "more than one plugin death: " + ToJsonText(Ok("deaths")));
    return deaths[0];
  }

  static std::vector<int> TabsOf(const Json& death) {
    std::vector<int> tabs;
    for (const Json& tab : sandtab::test::ArrayAt(death, "tabs")) tabs.push_back(tab.get_value<int>());
    std::sort(tabs.begin(), tabs.end());
    return tabs;
  }

  // The death names the plugin type: a "plugin_type" field, or the type in
  // the process type ("plugin:clock") or the description.
  static bool NamesPluginType(const Json& death, const std::string& type) {
    return death.get<std::string>("plugin_type", "") == type ||
           death.get<std::string>("type", "") == "plugin:" + type ||
           death.get<std::string>("description", "").find(type) != std::string::npos;
  }

  // Both tabs' renderers untouched: same pid, alive, no crash, no death.
  void ExpectRenderersUntouched(const std::vector<TabRef>& tabs) {
    for (const TabRef& ref : tabs) {
      SCOPED_TRACE("tab " + std::to_string(ref.id));
      Json tab = Tab(ref.id);
      EXPECT_EQ(tab.get<pid_t>("pid"), ref.pid) << ToJsonText(tab);
      EXPECT_TRUE(IsAlive(ref.pid));
      EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
      EXPECT_EQ(tab.get<std::string>("last_death"), "null") << ToJsonText(tab);
      EXPECT_EQ(tab.get<std::string>("state"), "loaded") << ToJsonText(tab);
    }
  }

  void ExpectPlaceholderIn(const std::vector<TabRef>& tabs) {
    for (const TabRef& ref : tabs) {
      WaitForPixels(
          ref.id, [](const Image& shot) { return ShowsPlaceholder(shot, kClockBox, kCrashedPlaceholder); }, 5s,
          "the plugin-crashed placeholder over the clock");
    }
  }
};

TEST_F(PluginCrashTest, CrashPluginCommandPlaceholdersEveryTabAndSparesTheRenderers) {
  StartWithPages();
  TabRef a = Open("clock.html");
  TabRef b = Open("clock.html");
  const pid_t clock_pid = PluginPid("clock");
  ASSERT_EQ(ClockProblem(Screenshot(a.id), kClockBox), "");

  Ok("crash plugin clock");
  ExpectPlaceholderIn({a, b});
  ExpectRenderersUntouched({a, b});
  EXPECT_TRUE(PollUntil([&] { return IsGone(clock_pid); }, 5s)) << "killed plugin not reaped";
  EXPECT_EQ(Ok("stats").get<int>("zombies"), 0);

  Json death = WaitForPluginDeath(5s);
  EXPECT_EQ(death.get<pid_t>("pid"), clock_pid) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("cause"), "killed_by_user") << ToJsonText(death);
  EXPECT_EQ(TabsOf(death), (std::vector<int>{a.id, b.id})) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("type").rfind("plugin", 0), 0u) << ToJsonText(death);
  // Which plugin died: the one check of the plugin type in deaths (the other
  // plugin death tests leave it to this one).
  EXPECT_TRUE(NamesPluginType(death, "clock"))
      << "the death does not say which plugin type died: " << ToJsonText(death);

  // The tabs keep working: a scroll repaints the page and the placeholder
  // follows it.
  Image before = Screenshot(a.id);
  Ok("scroll " + std::to_string(a.id) + " 100");
  Image scrolled = WaitForPixels(
      a.id, [](const Image& shot) { return shot.At(kBlockX0 + 10, kBlockCentreY) == kTestPageBackground; }, 5s,
      "the page scrolled by 100");  // (30,70): in the block before, left of the clock after
  EXPECT_GT(scrolled.CountDifferent(before), 10000u);
  EXPECT_EQ(scrolled.At(kBlockCentreX, 10), kTestPageBlock) << "block at 20..120 scrolled to -80..20";
  EXPECT_TRUE(ShowsPlaceholder(scrolled, kClockBox, kCrashedPlaceholder, 100))
      << "placeholder did not follow the scroll: " << ToString(scrolled.At(kClockBox.cx(), kClockBox.cy() - 100));
  // The other tab is unchanged by its neighbour's scroll.
  EXPECT_TRUE(ShowsPlaceholder(Screenshot(b.id), kClockBox, kCrashedPlaceholder));
  ExpectRenderersUntouched({a, b});
}

TEST_F(PluginCrashTest, ReloadingATabRestartsThePluginProcess) {
  StartWithPages();
  TabRef a = Open("clock.html");
  TabRef b = Open("clock.html");
  const pid_t old_pid = PluginPid("clock");
  Ok("crash plugin clock");
  ExpectPlaceholderIn({a});
  ASSERT_TRUE(PollUntil([&] { return IsGone(old_pid); }, 5s));

  Ok("reload " + std::to_string(a.id));
  Ok("wait " + std::to_string(a.id) + " 10", 20s);
  const pid_t new_pid = PluginPid("clock");
  EXPECT_NE(new_pid, old_pid);
  EXPECT_TRUE(IsAlive(new_pid));
  EXPECT_TRUE(JsonBool(*Plugin("clock"), "sandboxed"));
  // The reloaded tab shows a live clock; its renderer is the same process.
  WaitForPixels(
      a.id, [](const Image& shot) { return ShowsClock(shot, kClockBox); }, 5s, "a live clock after the reload");
  EXPECT_EQ(Tab(a.id).get<pid_t>("pid"), a.pid);
  EXPECT_EQ(Plugin("clock")->get<int>("instances_per_tab." + std::to_string(a.id), 0), 1) << ToJsonText(Ok("plugins"));
  // The other tab was not reloaded: still the placeholder, same renderer.
  EXPECT_TRUE(ShowsPlaceholder(Screenshot(b.id), kClockBox, kCrashedPlaceholder));
  EXPECT_EQ(Tab(b.id).get<pid_t>("pid"), b.pid);
  EXPECT_EQ(PluginDeaths().size(), 1u) << ToJsonText(Ok("deaths"));
}

// The debug params work only under --enable-plugin-debug (without it they
// are blocked: plugin_guard_test.cc).
TEST_F(PluginCrashTest, EmbedWithCrashParamCrashesThePluginForEveryTabUsingIt) {
  StartWithPages({"--enable-plugin-debug"});
  TabRef a = Open("clock.html");
  TabRef chart = Open("chart.html");
  const pid_t clock_pid = PluginPid("clock");
  const pid_t chart_pid = PluginPid("chart");
  // `wait` ends once the crash=1 instance shows its placeholder.
  TabRef b = Open("clock-crash.html");

  ExpectPlaceholderIn({a, b});
  ExpectRenderersUntouched({a, b, chart});
  Json death = WaitForPluginDeath(5s);
  EXPECT_EQ(death.get<pid_t>("pid"), clock_pid) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("cause"), "crashed") << ToJsonText(death);
  EXPECT_EQ(death.get<int>("signal", -1), 11) << ToJsonText(death);
  EXPECT_EQ(TabsOf(death), (std::vector<int>{a.id, b.id})) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("type").rfind("plugin", 0), 0u) << ToJsonText(death);
  EXPECT_TRUE(PollUntil([&] { return IsGone(clock_pid); }, 5s));
  // Other plugin types are untouched.
  EXPECT_EQ(PluginPid("chart"), chart_pid);
  EXPECT_TRUE(IsAlive(chart_pid));
  EXPECT_EQ(CountNotNearIn(Screenshot(chart.id), {kChartBox.x, kChartBox.y, 20, 20}, kWhite, 0), 0u);
}

TEST_F(PluginCrashTest, HungPluginIsKilledByTheHangMonitor) {
  StartWithPages({"--hang-timeout=1", "--enable-plugin-debug"});
  TabRef chart = Open("chart.html");
  const pid_t chart_pid = PluginPid("chart");
  Json opened = Ok("open clock-hang.html");
  TabRef hung{opened.get<int>("id"), opened.get<pid_t>("pid")};
  // The instance (and its process) comes with the page's layout.
  pid_t clock_pid = -1;
  ASSERT_TRUE(PollUntil(
      [&] {
        auto row = Plugin("clock");
        if (row) clock_pid = row->get<pid_t>("pid");
        return row.has_value();
      },
      5s))
      << ToJsonText(Ok("plugins"));
  // Painted once the hung instance gives way to the placeholder.
  Json waited = Ok("wait " + std::to_string(hung.id) + " 10", 20s);
  hung.pid = waited.get<pid_t>("pid", hung.pid);

  Json death = WaitForPluginDeath(5s);
  EXPECT_EQ(death.get<pid_t>("pid"), clock_pid) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("cause"), "unresponsive") << ToJsonText(death);
  EXPECT_EQ(TabsOf(death), std::vector<int>{hung.id}) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("type").rfind("plugin", 0), 0u) << ToJsonText(death);
  EXPECT_TRUE(PollUntil([&] { return IsGone(clock_pid); }, 5s)) << "hung plugin not killed and reaped";
  ExpectPlaceholderIn({hung});
  ExpectRenderersUntouched({hung, chart});
  EXPECT_EQ(PluginPid("chart"), chart_pid);
}

TEST_F(PluginCrashTest, BadMessageFromAPluginKillsThePluginNotTheTab) {
  StartWithPages({"--enable-plugin-debug"});
  TabRef bystander = Open("clock.html");
  const pid_t clock_pid = PluginPid("clock");
  TabRef tab = Open("clock-badmessage.html");

  Json death = WaitForPluginDeath(5s);
  EXPECT_EQ(death.get<pid_t>("pid"), clock_pid) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("cause"), "bad_message") << ToJsonText(death);
  EXPECT_FALSE(death.get<std::string>("detail", "").empty()) << ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("type").rfind("plugin", 0), 0u) << ToJsonText(death);
  EXPECT_EQ(TabsOf(death), (std::vector<int>{bystander.id, tab.id})) << ToJsonText(death);
  EXPECT_TRUE(PollUntil([&] { return IsGone(clock_pid); }, 5s));
  ExpectPlaceholderIn({bystander, tab});
  ExpectRenderersUntouched({bystander, tab});
  // Only the plugin died.
  EXPECT_EQ(Deaths().size(), 1u) << ToJsonText(Ok("deaths"));
}

}  // namespace
}  // namespace sandtab::integration
