// Issue 19, line 2: --renderer-cmd-prefix finds its first word through
// PATH, as Chrome's does ("gdb --args"), and a word that names nothing
// stops the browser at start-up with a clear error.
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class CommandPrefixTest : public ShellTest {};

// `env` (found as /usr/bin/env) runs the renderer it is given: the tab
// loads and paints, in a sandboxed child of the browser (no zygote under a
// prefix), whose program is the real renderer.
TEST_F(CommandPrefixTest, APrefixFoundThroughPathRunsTheRenderer) {
  StartShell({"--renderer-cmd-prefix=env"});
  TabRef tab = Open(kIndex.file);
  EXPECT_EQ(ParentPid(tab.pid).value_or(-1), browser_pid());
  std::string cmdline = ReadProcFile(tab.pid, "cmdline");
  EXPECT_NE(cmdline.find("/sandtab-renderer"), std::string::npos) << cmdline;
  EXPECT_EQ(Screenshot(tab.id).At(kBlockCentreX, kBlockCentreY), kIndex.block);
  EXPECT_EQ(sandtab::test::StatusField(tab.pid, "Seccomp").value_or(""), "2") << "layer 2 not engaged";
}

TEST_F(CommandPrefixTest, APrefixThatNamesNoProgramIsAnErrorAtStartUp) {
  auto result = sandtab::test::RunProcess({SandtabBinary(), "--renderer-cmd-prefix=sandtab-no-such-debugger --args",
                                           "--headless", "--screenshot=" + TempPath("never.png"), "index.html"},
                                          20s);
  EXPECT_EQ(result.exit_code, 2) << result.stderr_text;
  EXPECT_NE(result.stderr_text.find("--renderer-cmd-prefix: 'sandtab-no-such-debugger' is not a program in PATH"),
            std::string::npos)
      << result.stderr_text;
}

}  // namespace
}  // namespace sandtab::integration
