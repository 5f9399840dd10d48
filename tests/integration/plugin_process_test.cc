// DESIGN section 1 and docs/plugins.md: one sandboxed plugin process per
// plugin type, shared by every tab; an unknown type starts nothing; the last
// instance gone, the process ends after its grace period with no residue.
#include <set>

#include "tests/integration/plugin_fixture.h"

namespace sandtab::integration {
namespace {

class PluginProcessModelTest : public PluginShellTest {
 protected:
  // `ps` rows whose type starts with "plugin:".
  std::vector<Json> PsPlugins() {
    std::vector<Json> rows;
    for (const Json& row : sandtab::test::ArrayAt(Ok("ps"), "processes")) {
      if (row.get<std::string>("type", "").rfind("plugin:", 0) == 0) rows.push_back(row);
    }
    return rows;
  }
};

TEST_F(PluginProcessModelTest, TwoTabsOfOneTypeShareOneProcessAndEachNewTypeStartsOneMore) {
  StartWithPages();
  TabRef first = Open("clock.html");
  TabRef second = Open("clock.html");

  // One clock process for both tabs, one instance in each.
  std::vector<Json> plugins = Plugins();
  ASSERT_EQ(plugins.size(), 1u) << ToJsonText(Ok("plugins"));
  const Json& clock = plugins[0];
  EXPECT_EQ(clock.get<std::string>("type"), "clock");
  EXPECT_EQ(clock.get<std::string>("state"), "running");
  EXPECT_EQ(clock.get<int>("instances"), 2) << ToJsonText(clock);
  EXPECT_EQ(clock.get<int>("instances_per_tab." + std::to_string(first.id), 0), 1) << ToJsonText(clock);
  EXPECT_EQ(clock.get<int>("instances_per_tab." + std::to_string(second.id), 0), 1) << ToJsonText(clock);
  EXPECT_GT(clock.get<long>("frames"), 0) << "wait answered before the clock's first frame";
  EXPECT_TRUE(JsonBool(clock, "sandboxed")) << ToJsonText(clock);
  const pid_t clock_pid = clock.get<pid_t>("pid");

  // /proc agrees: a live child of the browser, neither the browser nor a
  // renderer, and `ps` lists it as plugin:clock, sandboxed, once.
  EXPECT_TRUE(IsAlive(clock_pid));
  EXPECT_EQ(ParentPid(clock_pid).value_or(-1), browser_pid());
  EXPECT_NE(clock_pid, first.pid);
  EXPECT_NE(clock_pid, second.pid);
  std::vector<Json> ps = PsPlugins();
  ASSERT_EQ(ps.size(), 1u) << ToJsonText(Ok("ps"));
  EXPECT_EQ(ps[0].get<std::string>("type"), "plugin:clock");
  EXPECT_EQ(ps[0].get<pid_t>("pid"), clock_pid);
  EXPECT_TRUE(JsonBool(ps[0], "sandboxed")) << ToJsonText(ps[0]);

  // A second type: a second process; a third type: a third.
  TabRef chart_tab = Open("chart.html");
  ASSERT_EQ(Plugins().size(), 2u) << ToJsonText(Ok("plugins"));
  const pid_t chart_pid = PluginPid("chart");
  TabRef ppm_tab = Open("ppm.html");
  ASSERT_EQ(Plugins().size(), 3u) << ToJsonText(Ok("plugins"));
  const pid_t ppm_pid = PluginPid("ppm");
  std::set<pid_t> pids{clock_pid, chart_pid, ppm_pid, browser_pid(), first.pid, second.pid, chart_tab.pid, ppm_tab.pid};
  EXPECT_EQ(pids.size(), 8u) << "plugin pids " << clock_pid << ", " << chart_pid << ", " << ppm_pid
                             << " must differ from each other and from browser/renderers";
  EXPECT_EQ(PsPlugins().size(), 3u) << ToJsonText(Ok("ps"));
  for (const std::string type : {"chart", "ppm"}) {
    Json row = *Plugin(type);
    EXPECT_EQ(row.get<int>("instances"), 1) << ToJsonText(row);
    EXPECT_TRUE(JsonBool(row, "sandboxed")) << ToJsonText(row);
    EXPECT_TRUE(IsAlive(row.get<pid_t>("pid")));
  }

  // A tab with all three types reuses the three processes.
  TabRef three = Open("three.html");
  ASSERT_EQ(Plugins().size(), 3u) << ToJsonText(Ok("plugins"));
  EXPECT_EQ(PluginPid("clock"), clock_pid);
  EXPECT_EQ(PluginPid("chart"), chart_pid);
  EXPECT_EQ(PluginPid("ppm"), ppm_pid);
  EXPECT_EQ(Plugin("clock")->get<int>("instances"), 3);
  EXPECT_EQ(Plugin("clock")->get<int>("instances_per_tab." + std::to_string(three.id), 0), 1);
  EXPECT_EQ(Plugin("chart")->get<int>("instances"), 2);
  EXPECT_EQ(Plugin("ppm")->get<int>("instances"), 2);
  EXPECT_TRUE(Deaths().empty()) << ToJsonText(Ok("deaths"));
}

TEST_F(PluginProcessModelTest, UnknownTypeShowsTheMissingPlaceholderAndStartsNoProcess) {
  StartWithPages({"--no-spare-renderer"});  // the browser's children are counted below
  TabRef tab = Open("nope.html");           // wait: a missing plugin counts as painted
  const Box nope{40, 150, 200, 150};
  Image shot = Screenshot(tab.id);
  EXPECT_TRUE(ShowsPlaceholder(shot, nope, kMissingPlaceholder))
      << "at the embed's centre " << ToString(shot.At(nope.cx(), nope.cy())) << ", corner "
      << ToString(shot.At(nope.x + nope.w - 3, nope.y + nope.h - 3));
  EXPECT_FALSE(ShowsPlaceholder(shot, nope, kCrashedPlaceholder));
  // Only the box: the page around it is the page's own.
  EXPECT_EQ(shot.At(kBlockCentreX, kBlockCentreY), kTestPageBlock);
  EXPECT_EQ(shot.At(nope.x + nope.w + 5, nope.cy()), kTestPageBackground);
  EXPECT_EQ(shot.At(nope.cx(), nope.y + nope.h + 5), kTestPageBackground);

  EXPECT_TRUE(Plugins().empty()) << ToJsonText(Ok("plugins"));
  EXPECT_TRUE(PsPlugins().empty()) << ToJsonText(Ok("ps"));
  // The browser's children: the renderer (and the zygote), no plugin.
  EXPECT_EQ(sandtab::test::RendererDescendants(browser_pid()), std::vector<pid_t>{tab.pid});
  EXPECT_EQ(Ok("stats").get<int>("live_children"), 1);
  EXPECT_TRUE(Deaths().empty()) << ToJsonText(Ok("deaths"));
}

TEST_F(PluginProcessModelTest, ClosingTheLastTabOfATypeEndsItsProcessWithNoResidue) {
  // The browser's children are counted below, and its fds and memfds: no
  // spare, and no surface budget giving the kept tab's buffers back meanwhile.
  StartWithPages({"--no-spare-renderer", "--max-surfaces=8"});
  TabRef keep = Open("light.html");
  auto settled = [&] {
    return Ok("stats").get<int>("live_children") == 1 && sandtab::test::RendererDescendants(browser_pid()).size() == 1;
  };
  ASSERT_TRUE(PollUntil(settled, 5s)) << ToJsonText(Ok("stats"));
  Json before = Ok("stats");
  const int fds_before = FdCount(browser_pid());
  const int memfds_before = MemfdCount(browser_pid());

  TabRef a = Open("clock.html");
  TabRef b = Open("clock.html");
  const pid_t clock_pid = PluginPid("clock");
  EXPECT_GT(Ok("stats").get<int>("memfds"), before.get<int>("memfds"));

  // One of two tabs closed: the process stays, with one instance.
  Ok("close " + std::to_string(a.id));
  EXPECT_EQ(PluginPid("clock"), clock_pid);
  EXPECT_EQ(Plugin("clock")->get<int>("instances"), 1) << ToJsonText(Ok("plugins"));

  // The last one closed and a new tab of the type opened at once: the
  // lingering process serves it (that is what the grace period is for).
  Ok("close " + std::to_string(b.id));
  b = Open("clock.html");
  EXPECT_EQ(PluginPid("clock"), clock_pid) << "a new process within the grace period";

  // The last one closed: still there at once (grace period), then gone,
  // reaped (never a zombie), within the grace period plus a bound.
  Ok("close " + std::to_string(b.id));
  auto closed_at = std::chrono::steady_clock::now();
  EXPECT_TRUE(IsAlive(clock_pid)) << "no grace period: gone at once";
  bool gone = PollUntil([&] { return IsGone(clock_pid); }, 2s + 5s);
  auto took = std::chrono::steady_clock::now() - closed_at;
  ASSERT_TRUE(gone) << "clock plugin " << clock_pid << " still in /proc 7 s after its last tab closed, state "
                    << sandtab::test::ProcessState(clock_pid).value_or('?');
  EXPECT_GE(took, 1s) << "ended well before the documented ~2 s grace period";
  EXPECT_TRUE(PollUntil([&] { return Plugins().empty(); }, 2s)) << ToJsonText(Ok("plugins"));
  EXPECT_TRUE(PsPlugins().empty()) << ToJsonText(Ok("ps"));

  // No residue: children, zombies, fds, memfds, shared memory as before.
  ASSERT_TRUE(PollUntil(settled, 5s)) << ToJsonText(Ok("stats"));
  Json after = Ok("stats");
  EXPECT_EQ(after.get<int>("zombies"), 0) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("fds"), before.get<int>("fds")) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("memfds"), before.get<int>("memfds")) << ToJsonText(after);
  EXPECT_EQ(after.get<long>("shared_bytes"), before.get<long>("shared_bytes"));
  EXPECT_EQ(after.get<int>("dev_shm_entries"), before.get<int>("dev_shm_entries"));
  EXPECT_EQ(FdCount(browser_pid()), fds_before);
  EXPECT_EQ(MemfdCount(browser_pid()), memfds_before);
  EXPECT_EQ(sandtab::test::RendererDescendants(browser_pid()), std::vector<pid_t>{keep.pid});
  EXPECT_TRUE(IsAlive(keep.pid));
}

// docs/plugins.md: a plugin process serves at most 200 instances ("the plugin
// caps itself at 200", and the browser refuses the 201st). A page that goes
// over the cap must not take the plugin away from the tabs already using it:
// the process and their instances stay; only instances past the cap are
// blocked. (A tab may have 32 instances: six tabs fill 192 of the 200.)
TEST_F(PluginProcessModelTest, InstancesOverTheProcessCapDoNotTakeThePluginFromOtherTabs) {
  StartWithPages();
  // 32 tiny one-pixel-red PPMs per page: the per-tab bound.
  std::string embeds;
  for (int i = 0; i < 32; ++i) {
    embeds += EmbedAt({20 + (i % 20) * 12, 150 + (i / 20) * 12, 10, 10}, "ppm", "data=\"P3 1 1 255 255 0 0\"");
  }
  Write("many.html", TestPage("it: many", embeds));
  const Box first_ppm{20, 150, 10, 10};
  std::vector<TabRef> tabs;
  for (int i = 0; i < 6; ++i) tabs.push_back(Open("many.html"));  // 192 instances
  const pid_t ppm_pid = PluginPid("ppm");
  ASSERT_EQ(Plugin("ppm")->get<int>("instances"), 192) << ToJsonText(Ok("plugins"));
  ASSERT_EQ(CountNotNearIn(Screenshot(tabs[0].id), first_ppm, {255, 0, 0, 255}, 0), 0u);

  TabRef over = Open("many.html");  // 224: over the cap of 200
  // Give a dying process the time to be noticed before judging.
  PollUntil([&] { return !PluginDeaths().empty(); }, 1s);
  EXPECT_TRUE(PluginDeaths().empty()) << "going over the cap killed the plugin for every tab: "
                                      << ToJsonText(Ok("deaths"));
  EXPECT_TRUE(IsAlive(ppm_pid));
  const Json row = Plugin("ppm").value_or(Json());
  EXPECT_EQ(row.get<pid_t>("pid", -1), ppm_pid) << ToJsonText(Ok("plugins"));
  EXPECT_EQ(row.get<int>("instances", 0), 200) << ToJsonText(row);
  EXPECT_EQ(row.get<int>("instances_per_tab." + std::to_string(over.id), 0), 8) << ToJsonText(row);
  for (const TabRef& tab : tabs) {
    EXPECT_EQ(row.get<int>("instances_per_tab." + std::to_string(tab.id), 0), 32) << ToJsonText(row);
    EXPECT_EQ(CountNotNearIn(Screenshot(tab.id), first_ppm, {255, 0, 0, 255}, 0), 0u)
        << "tab " << tab.id << " lost its ppm";
  }
  int blocked = 0;
  for (const Json& instance : sandtab::test::ArrayAt(Ok("plugins"), "instances")) {
    if (instance.get<int>("tab") != over.id || instance.get<std::string>("state") != "blocked") continue;
    ++blocked;
    EXPECT_NE(instance.get<std::string>("reason").find("at most 200"), std::string::npos) << ToJsonText(instance);
  }
  EXPECT_EQ(blocked, 24);
  EXPECT_EQ(Tab(over.id).get<pid_t>("pid"), over.pid);
}

// A page with more instances than a tab may have: the ones past the bound
// are blocked, the others run.
TEST_F(PluginProcessModelTest, InstancesOverTheTabBoundAreBlocked) {
  StartWithPages();
  std::string embeds;
  for (int i = 0; i < 40; ++i) {
    embeds += EmbedAt({20 + (i % 20) * 12, 150 + (i / 20) * 12, 10, 10}, "ppm", "data=\"P3 1 1 255 255 0 0\"");
  }
  Write("forty.html", TestPage("it: forty", embeds));
  TabRef tab = Open("forty.html");
  EXPECT_EQ(Plugin("ppm")->get<int>("instances"), 32) << ToJsonText(Ok("plugins"));
  int blocked = 0;
  for (const Json& instance : sandtab::test::ArrayAt(Ok("plugins"), "instances")) {
    if (instance.get<int>("tab") != tab.id || instance.get<std::string>("state") != "blocked") continue;
    ++blocked;
    EXPECT_NE(instance.get<std::string>("reason").find("at most 32 per tab"), std::string::npos)
        << ToJsonText(instance);
  }
  EXPECT_EQ(blocked, 8);
  EXPECT_TRUE(PluginDeaths().empty()) << ToJsonText(Ok("deaths"));
}

// A plugin process that ends because nothing uses it any more exits
// normally: like a closed tab's renderer ("closing is not dying"), that is
// not a death, and `deaths` / `stats` do not count it.
TEST_F(PluginProcessModelTest, GracePeriodExitIsNotRecordedAsADeath) {
  StartWithPages();
  TabRef tab = Open("chart.html");
  const pid_t chart_pid = PluginPid("chart");
  Ok("close " + std::to_string(tab.id));
  ASSERT_TRUE(PollUntil([&] { return IsGone(chart_pid); }, 2s + 5s));
  ASSERT_TRUE(PollUntil([&] { return Plugins().empty(); }, 2s)) << ToJsonText(Ok("plugins"));
  EXPECT_TRUE(Deaths().empty()) << "a normal exit after the grace period is listed as a death: "
                                << ToJsonText(Ok("deaths"));
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0) << ToJsonText(Ok("stats"));
}

}  // namespace
}  // namespace sandtab::integration
