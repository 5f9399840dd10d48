// A small scale smoke test, kept in `./sandtab test` for correctness (no
// timing assertions): 50 tabs opened back to back all paint, each in its own
// sandboxed renderer, and closing them gives everything back.
#include <set>

#include "tests/integration/plugin_fixture.h"

namespace sandtab::integration {
namespace {

class ScaleTest : public PluginShellTest {};

constexpr int kTabs = 50;

TEST_F(ScaleTest, FiftyTabsOpenedQuicklyAllPaintInDistinctSandboxedRenderersAndCloseCleanly) {
  StartWithPages();
  // Warm-up, so one-time lazy set-up is part of the baseline, not a leak.
  Ok("close " + std::to_string(Open("light.html").id));
  auto settled = [&] {
    return Ok("stats").get<int>("live_children") == 0 && RendererDescendants(browser_pid()).empty();
  };
  ASSERT_TRUE(PollUntil(settled, 5s)) << ToJsonText(Ok("stats"));
  Json before = Ok("stats");
  const int memfds_before = MemfdCount(browser_pid());

  // Every `open` first, no wait in between; then wait for each.
  std::vector<int> ids;
  for (int i = 0; i < kTabs; ++i) ids.push_back(Ok("open light.html").get<int>("id"));
  std::set<int> distinct_ids(ids.begin(), ids.end());
  ASSERT_EQ(distinct_ids.size(), static_cast<size_t>(kTabs));
  std::set<pid_t> pids;
  for (int id : ids) {
    Ok("wait " + std::to_string(id) + " 20", 30s);
    pids.insert(Tab(id).get<pid_t>("pid"));
  }
  EXPECT_EQ(pids.size(), static_cast<size_t>(kTabs)) << "renderer pids are not distinct";
  EXPECT_EQ(pids.count(browser_pid()), 0u);
  EXPECT_EQ(pids.count(0), 0u);

  // `tabs` answers with all of them, loaded, at their own renderer.
  std::vector<Json> tabs = Tabs();
  ASSERT_EQ(tabs.size(), static_cast<size_t>(kTabs));
  for (const Json& tab : tabs) {
    EXPECT_EQ(tab.get<std::string>("state"), "loaded") << ToJsonText(tab);
    EXPECT_EQ(tab.get<std::string>("title"), "it: light") << ToJsonText(tab);
    EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
  }
  // `ps`: every renderer listed once, for its tab, sandboxed.
  std::set<pid_t> listed;
  for (const Json& row : sandtab::test::ArrayAt(Ok("ps"), "processes")) {
    if (row.get<std::string>("type", "") != "renderer") continue;
    EXPECT_TRUE(JsonBool(row, "sandboxed")) << ToJsonText(row);
    listed.insert(row.get<pid_t>("pid"));
  }
  EXPECT_EQ(listed, pids);
  // /proc agrees: all live descendants of the browser, with the spare
  // renderer (on by default) beside them.
  std::set<pid_t> expected = pids;
  if (std::optional<pid_t> spare = SettledSparePid()) expected.insert(*spare);
  std::vector<pid_t> descendants = RendererDescendants(browser_pid());
  EXPECT_EQ(std::set<pid_t>(descendants.begin(), descendants.end()), expected);
  // Pixels: the first and the last tab both painted the page.
  EXPECT_EQ(Screenshot(ids.front()).At(kBlockCentreX, kBlockCentreY), kTestPageBlock);
  EXPECT_EQ(Screenshot(ids.back()).At(kBlockCentreX, kBlockCentreY), kTestPageBlock);

  // Close them all: no children, no zombies, memfds back to the baseline.
  for (int id : ids) Ok("close " + std::to_string(id));
  ASSERT_TRUE(PollUntil(settled, 10s)) << ToJsonText(Ok("stats"));
  for (pid_t pid : pids) {
    EXPECT_TRUE(PollUntil([&] { return IsGone(pid); }, 2s)) << "renderer " << pid << " left behind";
  }
  Json after = Ok("stats");
  EXPECT_EQ(after.get<int>("tabs"), 0);
  EXPECT_EQ(after.get<int>("live_children"), 0) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("zombies"), 0) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("memfds"), before.get<int>("memfds")) << ToJsonText(after);
  EXPECT_EQ(after.get<long>("shared_bytes"), before.get<long>("shared_bytes"));
  EXPECT_EQ(MemfdCount(browser_pid()), memfds_before);
  EXPECT_EQ(after.get<int>("deaths"), 0) << ToJsonText(Ok("deaths"));
}

}  // namespace
}  // namespace sandtab::integration
