// DESIGN section 12: what a tab can make the browser hold is bounded, and
// `stats` shows each bound with what is used now. Navigations a renderer
// asks for and the user's own end in the same history, so the user's `nav`
// drives the cap here; the hostile-renderer floods are in hostile tests.
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class BudgetsTest : public ShellTest {};

TEST_F(BudgetsTest, HistoryKeepsTheNewestFiftyEntriesAndBackStopsAtTheOldest) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  const std::string id = std::to_string(tab.id);
  std::vector<std::string> navs;
  for (int i = 0; i < 80; ++i) navs.push_back("nav " + id + " data:text/html,<title>" + std::to_string(i) + "</title>");
  for (const Json& answer : shell().CommandBatch(navs)) ASSERT_FALSE(IsError(answer)) << ToJsonText(answer);
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<int>("history_entries"), 50) << ToJsonText(entry);
  EXPECT_GT(entry.get<int>("history_bytes"), 0);
  // Back walks 49 entries, to the oldest kept (navigation 30), then stops.
  std::vector<std::string> backs(49, "back " + id);
  for (const Json& answer : shell().CommandBatch(backs)) ASSERT_FALSE(IsError(answer)) << ToJsonText(answer);
  EXPECT_TRUE(IsError(Cmd("back " + id)));
  Ok("wait " + id + " 10", 20s);
  EXPECT_EQ(Tab(tab.id).get<std::string>("title"), "30");
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid);
}

TEST_F(BudgetsTest, StatsShowsEveryBoundAndItsUse) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  Json budgets = Ok("stats").get_child("budgets");
  struct Expected {
    const char* name;
    int bound;
  };
  for (const Expected& expected :
       {Expected{"history_entries", 50}, Expected{"pending_fetches", 256}, Expected{"fetch_answers_waiting", 256},
        Expected{"unread_body_fds", 64}, Expected{"broker_log_entries", 1000}, Expected{"trace_events", 200000},
        Expected{"channel_unread_fds", 1024}, Expected{"child_log_line_bytes", 4096}, Expected{"console_lines", 1000},
        Expected{"console_bytes", 1 << 20}, Expected{"script_questions", 32}, Expected{"surfaces_held", 1},
        Expected{"saved_frames", 5}}) {
    SCOPED_TRACE(expected.name);
    ASSERT_TRUE(budgets.get_child_optional(expected.name)) << ToJsonText(budgets);
    EXPECT_EQ(budgets.get<int>(std::string(expected.name) + ".bound"), expected.bound);
    EXPECT_FALSE(budgets.get<std::string>(std::string(expected.name) + ".scope").empty());
  }
  EXPECT_EQ(budgets.get<int>("history_entries.used"), 1);
  EXPECT_EQ(budgets.get<int>("history_entries.largest_tab"), 1);
  EXPECT_GE(budgets.get<int>("broker_log_entries.used"), 1);  // index.html itself
  EXPECT_LE(budgets.get<int>("broker_log_text_bytes.used"), budgets.get<int>("broker_log_text_bytes.bound"));
  (void)tab;
}

}  // namespace
}  // namespace sandtab::integration
