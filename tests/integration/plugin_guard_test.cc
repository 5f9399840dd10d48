// The plugin process every tab shares is protected from any one page
// (issue 19, security review M4): a page's debug params are blocked unless
// the user passed --enable-plugin-debug, embeds are held to a budget per tab
// and in all, and a plugin that keeps dying is relaunched only as the
// renderers' crash-loop policy allows. In each case the other tabs keep
// their plugin process (same pid) and its frames keep coming.
#include <fstream>
#include <sstream>

#include "tests/integration/plugin_fixture.h"

namespace sandtab::integration {
namespace {

// browser/compositor/compositor.cc: blocked (0.4,0.3,0.1) = #664D1A.
constexpr Rgba kBlockedPlaceholder{102, 77, 26, 255};

class PluginGuardTest : public PluginShellTest {
 protected:
  // The `plugins` "instances" rows of one tab.
  std::vector<Json> InstancesOf(int tab) {
    std::vector<Json> rows;
    for (const Json& row : ArrayAt(Ok("plugins"), "instances")) {
      if (row.get<int>("tab") == tab) rows.push_back(row);
    }
    return rows;
  }
  Json OnlyInstanceOf(int tab) {
    std::vector<Json> rows = InstancesOf(tab);
    Require(rows.size() == 1, "tab " + std::to_string(tab) + " has " + std::to_string(rows.size()) +
                                  " instances: " + ToJsonText(Ok("plugins")));
    return rows[0];
  }
  // The tab's clock instance keeps getting frames: two more than now.
  void ExpectClockStillPainting(int tab) {
    const uint64_t before = OnlyInstanceOf(tab).get<uint64_t>("frames");
    EXPECT_TRUE(PollUntil([&] { return OnlyInstanceOf(tab).get<uint64_t>("frames") >= before + 2; }, 10s))
        << "tab " << tab << "'s clock stopped painting: " << ToJsonText(Ok("plugins"));
    EXPECT_EQ(OnlyInstanceOf(tab).get<std::string>("state"), "running");
  }
  // A field of /proc/PID/status in kB.
  static int64_t StatusKib(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
    }
    return -1;
  }
};

TEST_F(PluginGuardTest, APagesDebugParamsAreBlockedWithoutTheFlag) {
  StartWithPages();
  TabRef a = Open("clock.html");
  const pid_t clock_pid = PluginPid("clock");
  EXPECT_FALSE(JsonBool(Ok("plugins"), "debug_params"));

  for (const char* page : {"clock-crash.html", "clock-hang.html", "clock-badmessage.html"}) {
    SCOPED_TRACE(page);
    TabRef b = Open(page);
    Json instance = OnlyInstanceOf(b.id);
    EXPECT_EQ(instance.get<std::string>("state"), "blocked") << ToJsonText(instance);
    EXPECT_NE(instance.get<std::string>("reason").find("--enable-plugin-debug"), std::string::npos)
        << ToJsonText(instance);
    Image shot = Screenshot(b.id);
    EXPECT_TRUE(ShowsPlaceholder(shot, kClockBox, kBlockedPlaceholder))
        << "no blocked placeholder: "
        << ToString(shot.At(kClockBox.x + kClockBox.w - 3, kClockBox.y + kClockBox.h - 3));
  }
  // The bystander's clock: same process, still painting, nothing died.
  EXPECT_EQ(PluginPid("clock"), clock_pid);
  EXPECT_TRUE(IsAlive(clock_pid));
  ExpectClockStillPainting(a.id);
  EXPECT_TRUE(PluginDeaths().empty()) << ToJsonText(Ok("deaths"));
  EXPECT_EQ(Tab(a.id).get<pid_t>("pid"), a.pid);
}

TEST_F(PluginGuardTest, HugeEmbedsAreRefusedWithinTheTabsBudgetAndTheProcessLives) {
  StartWithPages();
  TabRef a = Open("clock.html");
  const pid_t clock_pid = PluginPid("clock");
  // 64 clocks of 4096x4096 (16 Mpx each, 128 MiB of surfaces), one over the
  // other: about 8 GiB if every one were granted.
  std::string body;
  for (int i = 0; i < 64; ++i) body += EmbedAt({300, 150, 4096, 4096}, "clock", "");
  Write("huge.html", TestPage("it: huge", body));
  TabRef b = Open("huge.html");

  std::vector<Json> rows = InstancesOf(b.id);
  ASSERT_EQ(rows.size(), 64u);
  int running = 0, blocked = 0;
  for (const Json& row : rows) {
    const std::string state = row.get<std::string>("state");
    if (state == "blocked") {
      ++blocked;
      EXPECT_NE(row.get<std::string>("reason").find("per tab"), std::string::npos) << ToJsonText(row);
    } else {
      ++running;
      EXPECT_EQ(state, "running") << ToJsonText(row);
    }
  }
  // 32 Mpx a tab: two of them.
  EXPECT_EQ(running, 2);
  EXPECT_EQ(blocked, 62);
  Json budget = Ok("plugins").get_child("budget");
  EXPECT_EQ(budget.get<int64_t>("tabs." + std::to_string(b.id) + ".pixels"), 2 * 4096 * 4096) << ToJsonText(budget);
  EXPECT_LE(budget.get<int64_t>("pixels"), budget.get<int64_t>("limits.pixels_total"));
  // The last one is on top: its placeholder says why.
  Image shot = Screenshot(b.id);
  EXPECT_TRUE(sandtab::test::Near(shot.At(1000, 600), kBlockedPlaceholder, kPlaceholderTolerance))
      << ToString(shot.At(1000, 600));

  // The shared process lives and serves tab A as before.
  EXPECT_EQ(PluginPid("clock"), clock_pid);
  ExpectClockStillPainting(a.id);
  EXPECT_TRUE(PluginDeaths().empty()) << ToJsonText(Ok("deaths"));
  // What it maps stays within the budget, far below its 4 GiB address space;
  // so does the shared memory the browser holds.
  const int64_t granted_kib = (2LL * 4096 * 4096 + 200 * 200) * 8 / 1024;
  const int64_t slack_kib = 64 * 1024;
  EXPECT_LE(StatusKib(clock_pid, "RssShmem"), granted_kib + slack_kib);
#if !defined(__SANITIZE_ADDRESS__)  // ASan's shadow memory alone is terabytes of VmSize
  EXPECT_LT(StatusKib(clock_pid, "VmSize"), 3LL << 20);
#endif
  EXPECT_LE(StatusKib(browser_pid(), "RssShmem"), granted_kib + slack_kib);

  // Closing the page gives its share back.
  Ok("close " + std::to_string(b.id));
  EXPECT_EQ(Ok("plugins").get<int>("budget.instances"), 1) << ToJsonText(Ok("plugins"));
}

TEST_F(PluginGuardTest, APluginThatKeepsCrashingIsNotRelaunchedUntilTheUserReloads) {
  StartWithPages({"--enable-plugin-debug"});
  TabRef a = Open("clock.html");
  TabRef chart = Open("chart.html");
  const pid_t chart_pid = PluginPid("chart");
  EXPECT_TRUE(JsonBool(Ok("plugins"), "debug_params"));
  // Three crashes (the default --crash-loop) within the window: the first
  // relaunch at once, the second after the backoff, then no more.
  std::vector<TabRef> crashers;
  for (int i = 0; i < 3; ++i) {
    crashers.push_back(Open("clock-crash.html"));
    ASSERT_TRUE(PollUntil([&] { return PluginDeaths().size() == static_cast<size_t>(i + 1); }, 10s))
        << ToJsonText(Ok("deaths"));
  }
  std::vector<Json> deaths = PluginDeaths();
  EXPECT_NE(deaths[0].get<std::string>("restart_decision").find("at once"), std::string::npos) << ToJsonText(deaths[0]);
  EXPECT_NE(deaths[1].get<std::string>("restart_decision").find("after 250 ms"), std::string::npos)
      << ToJsonText(deaths[1]);
  EXPECT_NE(deaths[2].get<std::string>("restart_decision").find("crash loop"), std::string::npos)
      << ToJsonText(deaths[2]);

  // A fourth page asking for the clock gets a placeholder, not a process.
  TabRef d = Open("clock.html");
  Json instance = OnlyInstanceOf(d.id);
  EXPECT_EQ(instance.get<std::string>("state"), "blocked") << ToJsonText(instance);
  EXPECT_NE(instance.get<std::string>("reason").find("crash loop"), std::string::npos) << ToJsonText(instance);
  EXPECT_FALSE(Plugin("clock").has_value()) << ToJsonText(Ok("plugins"));
  EXPECT_EQ(PluginDeaths().size(), 3u);
  bool listed = false;
  for (const Json& row : ArrayAt(Ok("plugins"), "relaunch")) {
    if (row.get<std::string>("type") != "clock") continue;
    listed = true;
    EXPECT_EQ(row.get<std::string>("state"), "crash_loop") << ToJsonText(row);
    EXPECT_EQ(row.get<int>("recent_crashes"), 3) << ToJsonText(row);
  }
  EXPECT_TRUE(listed) << ToJsonText(Ok("plugins"));

  // Every tab still works: same renderers, and the other plugin type is untouched.
  for (const TabRef& tab : {a, chart, crashers[0], crashers[1], crashers[2], d}) {
    EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid);
    EXPECT_EQ(Tab(tab.id).get<std::string>("state"), "loaded") << ToJsonText(Tab(tab.id));
  }
  EXPECT_EQ(PluginPid("chart"), chart_pid);

  // The user reloads a tab that used the clock: it starts over.
  Ok("reload " + std::to_string(a.id));
  Ok("wait " + std::to_string(a.id) + " 10", 20s);
  const pid_t relaunched = PluginPid("clock");
  EXPECT_TRUE(IsAlive(relaunched));
  ExpectClockStillPainting(a.id);
}

}  // namespace
}  // namespace sandtab::integration
