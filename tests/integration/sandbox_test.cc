// DESIGN section 7 seen from outside: the renderer's own probes are all
// denied, and /proc agrees (seccomp, no_new_privs, own namespaces).
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

using sandtab::test::Namespace;
using sandtab::test::StatusField;
using sandtab::test::ToJsonText;

class SandboxTest : public ShellTest {};

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
