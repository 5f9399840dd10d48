// DESIGN section 7 seen from outside: the renderer's own probes are all
// denied, and /proc agrees (seccomp, no_new_privs, own namespaces).
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class SandboxTest : public ShellTest {};

// sandbox::kProcessLimit: every renderer's own budget of tasks (processes
// and threads, its main thread included), zygote-forked or cold.
constexpr int kRendererProcessBudget = 64;

TEST_F(SandboxTest, EveryProbeIsDeniedAndProcAgrees) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  Json report = Ok("sandbox " + std::to_string(tab.id));
  EXPECT_TRUE(JsonBool(report, "sandboxed")) << ToJsonText(report);
  // Layer 2 is on: the report's own seccomp mode is "filter" (2).
  EXPECT_EQ(report.get<std::string>("seccomp", ""), "2") << ToJsonText(report);
  auto probes = sandtab::test::ArrayAt(report, "probes");
  EXPECT_GE(probes.size(), 5u) << ToJsonText(report);
  for (const Json& probe : probes) {
    EXPECT_TRUE(JsonBool(probe, "denied")) << "allowed: " << ToJsonText(probe);
  }
  EXPECT_TRUE(JsonBool(PsEntry(tab.pid), "sandboxed"));

  // Independent of the renderer's report: the kernel's view.
  EXPECT_EQ(StatusField(tab.pid, "Seccomp").value_or("?"), "2");
  EXPECT_EQ(StatusField(tab.pid, "NoNewPrivs").value_or("?"), "1");
  EXPECT_EQ(StatusField(tab.pid, "CapEff").value_or("?"), "0000000000000000");
  for (const char* ns : {"user", "pid", "net", "ipc", "uts", "mnt"}) {
    auto mine = Namespace(browser_pid(), ns);
    auto theirs = Namespace(tab.pid, ns);
    ASSERT_TRUE(mine && theirs) << ns;
    EXPECT_NE(*mine, *theirs) << "renderer shares the browser's " << ns << " namespace";
  }
  // The renderer is still fine after being probed.
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid);
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);
}

// Review M3: a zygote-forked renderer used to share the zygote's
// RLIMIT_NPROC of 8192 with every sibling. Now each has a user namespace of
// its own (nested in the zygote's) and its own limit there.
TEST_F(SandboxTest, ZygoteRendererHasItsOwnProcessBudget) {
  StartShell();
  TabRef a = Open(kIndex.file);
  TabRef b = Open(kTable.file);
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0);
  ASSERT_EQ(ParentPid(a.pid).value_or(-1), zygote) << "not a zygote renderer: the test would prove nothing";
  ASSERT_EQ(ParentPid(b.pid).value_or(-1), zygote);
  Json report = Ok("sandbox " + std::to_string(a.id));
  EXPECT_EQ(report.get<std::string>("limits.processes", "?"), std::to_string(kRendererProcessBudget))
      << ToJsonText(report);
  EXPECT_GT(report.get<int>("threads", -1), 0) << ToJsonText(report);
  EXPECT_LE(report.get<int>("threads", 1000), kRendererProcessBudget) << ToJsonText(report);
  // The count is kept per user namespace: each renderer has one, neither
  // the zygote's nor its sibling's.
  auto zygote_ns = Namespace(zygote, "user"), a_ns = Namespace(a.pid, "user"), b_ns = Namespace(b.pid, "user");
  ASSERT_TRUE(zygote_ns && a_ns && b_ns);
  EXPECT_NE(*a_ns, *zygote_ns);
  EXPECT_NE(*b_ns, *zygote_ns);
  EXPECT_NE(*a_ns, *b_ns);
  // Still fully sandboxed, its host uid unchanged, and it paints.
  EXPECT_TRUE(JsonBool(report, "sandboxed")) << ToJsonText(report);
  EXPECT_EQ(StatusField(a.pid, "CapEff").value_or("?"), "0000000000000000");
  EXPECT_EQ(StatusField(a.pid, "Uid").value_or("?").substr(0, 5), "65534");
  EXPECT_EQ(Screenshot(a.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);
}

// A thread bomb in one renderer (debug ID about:threads: up to 256 threads,
// each waiting on a futex, run by the real renderer as hostile code after a
// compromise would) runs into that renderer's own budget: its clone() past
// 64 tasks fails with EAGAIN, the browser kills nothing, and every other
// tab, new ones included, is untouched. Before, the bomb's 256 threads
// all started, out of the 8192 every renderer and the zygote's forks share.
TEST_F(SandboxTest, AThreadBombStopsAtItsOwnBudget) {
  StartShell();
  TabRef bomber = Open(kIndex.file);
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_EQ(ParentPid(bomber.pid).value_or(-1), zygote) << "not a zygote renderer: the test would prove nothing";
  // The spare renderer the open started holds a channel while it warms up:
  // compare the browser's fds with it settled both times.
  SettledSparePid();
  const Json before = Ok("stats");
  Ok("debug " + std::to_string(bomber.id) + " about:threads");
  // The renderer serves its channel in order: once it has answered the
  // probes, the bomb has run to its end.
  Json report = Ok("sandbox " + std::to_string(bomber.id));
  ASSERT_TRUE(JsonBool(report, "probes_answered")) << ToJsonText(report);
  EXPECT_EQ(report.get<int>("threads", -1), kRendererProcessBudget)
      << "the bomb stops exactly at the budget: " << ToJsonText(report);
  EXPECT_EQ(StatusField(bomber.pid, "Threads").value_or("?"), std::to_string(kRendererProcessBudget));
  // Ended by its failing clone(), not by a kill: the same renderer, alive,
  // still painting its page.
  EXPECT_EQ(Tab(bomber.id).get<pid_t>("pid"), bomber.pid);
  EXPECT_EQ(Screenshot(bomber.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);
  // The browser held nothing for it.
  SettledSparePid();
  const Json after = Ok("stats");
  EXPECT_EQ(after.get<int>("fds"), before.get<int>("fds")) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("deaths"), before.get<int>("deaths")) << ToJsonText(after);
  // A new tab still forks from the same zygote, and paints.
  TabRef next = Open(kTable.file);
  EXPECT_EQ(ParentPid(next.pid).value_or(-1), zygote);
  EXPECT_EQ(Screenshot(next.id).At(kBlockCentreX, kBlockCentreY), kTable.block);
  Json next_report = Ok("sandbox " + std::to_string(next.id));
  EXPECT_LT(next_report.get<int>("threads", 1000), kRendererProcessBudget) << ToJsonText(next_report);
}

TEST_F(SandboxTest, NoSandboxBrowserReportsUnsandboxedRenderers) {
  StartShell({"--no-sandbox"});
  TabRef tab = Open(kIndex.file);
  Json entry = PsEntry(tab.pid);
  ASSERT_FALSE(entry.empty());
  EXPECT_EQ(entry.get<std::string>("sandboxed"), "false") << ToJsonText(entry);
  Json report = Ok("sandbox " + std::to_string(tab.id));
  EXPECT_EQ(report.get<std::string>("sandboxed"), "false") << ToJsonText(report);
  EXPECT_EQ(StatusField(tab.pid, "Seccomp").value_or("?"), "0");
  // And it still renders.
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);
}

}  // namespace
}  // namespace sandtab::integration
