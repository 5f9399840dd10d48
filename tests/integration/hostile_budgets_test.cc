// DESIGN section 12, issue 19 lines 3 to 5: a compromised renderer cannot
// make the browser hold without bound what it keeps for it. The attacks of
// the security review (H3, M1, M2), with tests/support/hostile/budget_scenarios.cc.
#include <string>

#include "tests/integration/hostile_fixture.h"

namespace sandtab::integration {
namespace {

class HostileBudgetsTest : public HostileTest {};

// M1: fds streamed into a 16 MiB frame that never ends. The browser refuses
// the first one; it never holds more than that batch, and a tab opened
// afterwards still paints.
TEST_F(HostileBudgetsTest, FdsInAnUnfinishedFrameKillAtTheFirstBatch) {
  StartHostile(HostileOptions("fds-in-unfinished-frame").WithBenign({kIndex}));
  ExpectDeath("data:text/html,hostile", "bad_message", "peer sent file descriptors, which only the browser may send");
  TabRef second = Open(kArticle.file);
  EXPECT_GT(second.pid, 0);
  EXPECT_EQ(Tab(second.id).get<std::string>("title"), kArticle.title);
}

// M2: a renderer that never reads while its fetches complete. Bodies past
// the window wait instead of becoming memfds; the renderer is killed as a
// bad message long before the hang timeout (60 s here, so only the budget
// can be what kills it), and the browser's fds and shared memory stay flat.
TEST_F(HostileBudgetsTest, ARendererThatDoesNotReadItsFetchAnswersIsKilledByTheBudget) {
  StartHostile(HostileOptions("unread-fetch-flood").WithBenign({kIndex}).WithFlags({"--hang-timeout=60"}));
  const Footprint before = footprint();
  const size_t known = DeathCount();
  TabRef tab = OpenHostileTab("data:text/html,hostile");
  Json death = WaitForDeath(known, 30s);
  EXPECT_EQ(death.get<std::string>("cause"), "bad_message") << ToJsonText(death);
  EXPECT_NE(death.get<std::string>("detail").find("does not read its fetch answers"), std::string::npos)
      << ToJsonText(death);
  ExpectBenignTabsUntouched();
  // fds and shared memory exact; the ~23 MB of waiting bodies are freed,
  // but malloc keeps some of that heap for later.
  CloseAndExpectFlat(tab.id, before, {0, 64 * 1024, 1024});
}

// H3, the count: 600 distinct short navigations keep 50 entries; the
// renderer stays (it broke no rule), the other tab is untouched.
TEST_F(HostileBudgetsTest, AHistoryFloodKeepsFiftyEntries) {
  StartHostile(HostileOptions("history-flood").WithBenign({kIndex}));
  const Footprint before = footprint();
  TabRef tab = OpenHostileTab("data:text/html,hostile");
  Json entry = WaitForTab(
      tab.id, [](const Json& t) { return t.get<std::string>("url", "") == "data:text/html,done"; }, 30s,
      "the flood's last navigation");
  EXPECT_EQ(entry.get<int>("history_entries"), 50) << ToJsonText(entry);
  EXPECT_EQ(Ok("stats").get<int>("budgets.history_entries.largest_tab"), 50);
  EXPECT_EQ(DeathCount(), 0u);
  ExpectBenignTabsUntouched();
  CloseAndExpectFlat(tab.id, before);
}

}  // namespace
}  // namespace sandtab::integration
