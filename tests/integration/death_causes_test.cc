// DESIGN section 6: every cause of a renderer's death is classified as it
// happened, the tab comes back painted at its URL, and every other renderer
// keeps its pid and its pixels. (crash_test.cc covers `crash`, `kill` with
// restore, and `hang` at 2 s; these are the debug-URL faults and the rest.)
#include <ostream>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

struct DeathCase {
  const char* name;                // test name suffix
  std::vector<std::string> flags;  // browser flags
  const char* fault;               // command, with ID for the victim's id
  const char* cause;               // last_death.cause
  const char* description_prefix;  // last_death.description starts with
  int exit_code = -1;              // checked when >= 0
  int signal = -1;                 // checked when >= 0
};

std::ostream& operator<<(std::ostream& out, const DeathCase& c) { return out << c.name; }

class DeathCauseTest : public ShellTest, public ::testing::WithParamInterface<DeathCase> {};

TEST_P(DeathCauseTest, IsClassifiedAndTheTabComesBackWhileTheOthersStayTheSame) {
  const DeathCase& c = GetParam();
  StartShell(c.flags);
  TabRef victim = Open(kArticle.file);
  TabRef index = Open(kIndex.file);
  TabRef table = Open(kTable.file);
  std::string url = Tab(victim.id).get<std::string>("url");
  Image index_before = Screenshot(index.id);
  Image table_before = Screenshot(table.id);

  std::string fault = c.fault;
  fault.replace(fault.find("ID"), 2, std::to_string(victim.id));
  Ok(fault);
  Json restored = WaitForRestart(victim.id, victim.pid, 15s);

  // The death, as recorded.
  EXPECT_EQ(restored.get<std::string>("last_death.cause", ""), c.cause) << ToJsonText(restored);
  EXPECT_EQ(restored.get<std::string>("last_death.description", "").rfind(c.description_prefix, 0), 0u)
      << ToJsonText(restored);
  EXPECT_EQ(restored.get<pid_t>("last_death.pid", -1), victim.pid) << ToJsonText(restored);
  if (c.exit_code >= 0) {
    EXPECT_EQ(restored.get<int>("last_death.exit_code", -1), c.exit_code) << ToJsonText(restored);
  }
  if (c.signal >= 0) {
    EXPECT_EQ(restored.get<int>("last_death.signal", -1), c.signal) << ToJsonText(restored);
  }
  EXPECT_EQ(restored.get<int>("crashes"), 1) << ToJsonText(restored);
  EXPECT_TRUE(PollUntil([&] { return IsGone(victim.pid); }, 5s)) << "pid " << victim.pid << " not reaped";

  // The tab: back at the same URL, painted, with a new renderer.
  EXPECT_EQ(restored.get<std::string>("url"), url);
  EXPECT_EQ(restored.get<std::string>("state"), "loaded");
  EXPECT_EQ(restored.get<std::string>("title"), kArticle.title);
  EXPECT_TRUE(IsAlive(restored.get<pid_t>("pid")));
  Image shot;
  EXPECT_TRUE(PollUntil(
      [&] {
        shot = Screenshot(victim.id);
        return shot.At(kBlockCentreX, kBlockCentreY) == kArticle.block;
      },
      5s))
      << "restored tab shows " << ToString(shot.At(kBlockCentreX, kBlockCentreY));

  // The others: same pids, no death, the same pixels to the byte.
  for (const TabRef& other : {index, table}) {
    Json tab = Tab(other.id);
    EXPECT_EQ(tab.get<pid_t>("pid"), other.pid) << ToJsonText(tab);
    EXPECT_TRUE(IsAlive(other.pid));
    EXPECT_EQ(tab.get<int>("crashes"), 0) << ToJsonText(tab);
  }
  EXPECT_EQ(Screenshot(index.id).CountDifferent(index_before), 0u);
  EXPECT_EQ(Screenshot(table.id).CountDifferent(table_before), 0u);
  Json stats = Ok("stats");
  EXPECT_EQ(stats.get<int>("deaths"), 1) << ToJsonText(stats);
  EXPECT_EQ(stats.get<int>("zombies"), 0) << ToJsonText(stats);
}

INSTANTIATE_TEST_SUITE_P(
    Causes, DeathCauseTest,
    ::testing::Values(
        // A killing syscall: SIGSYS, named (the issue: "sandbox violation: <name>").
        DeathCase{"PtraceIsASandboxViolation",
                  {},
                  "debug ID about:ptrace",
                  "sandbox_violation",
                  "sandbox violation: ptrace",
                  -1,
                  31},
        // The same from a cold-launched renderer (no zygote).
        DeathCase{"PtraceIsASandboxViolationWithoutZygote",
                  {"--no-zygote"},
                  "debug ID about:ptrace",
                  "sandbox_violation",
                  "sandbox violation: ptrace",
                  -1,
                  31},
        DeathCase{"OomIsOutOfMemory", {}, "debug ID about:oom", "out_of_memory", "out of memory"},
        DeathCase{"ExitIsExitedWithCode0", {}, "debug ID about:exit", "exited", "exited (code 0)", 0, 0},
        DeathCase{"KillIsKilledByUserWithSignal9", {}, "kill ID", "killed_by_user", "killed by user", -1, 9},
        DeathCase{"BadmessageIsABadMessage", {}, "debug ID about:badmessage", "bad_message", "bad message: "},
        DeathCase{"HangIsUnresponsiveAfterTheHangTimeout",
                  {"--hang-timeout=1"},
                  "debug ID about:hang",
                  "unresponsive",
                  "unresponsive"}),
    [](const ::testing::TestParamInfo<DeathCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sandtab::integration
