// The zygote (DESIGN section 7): renderers are forked from it, and when it
// dies (taking its PID namespace and every renderer in it along) the browser
// restarts it and every tab comes back.
#include <signal.h>

#include <algorithm>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class ZygoteTest : public ShellTest {};

TEST_F(ZygoteTest, RenderersAreForkedFromTheZygote) {
  StartShell();
  TabRef a = Open(kIndex.file);
  TabRef b = Open(kTable.file);
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0);
  EXPECT_EQ(ParentPid(zygote).value_or(-1), browser_pid());
  EXPECT_EQ(ParentPid(a.pid).value_or(-1), zygote);
  EXPECT_EQ(ParentPid(b.pid).value_or(-1), zygote);
  EXPECT_EQ(PsEntry(zygote).get<std::string>("type", ""), "zygote");
}

// The zygote resolves every symbol at exec (LD_BIND_NOW), so its children
// write no GOT page copy-on-write; cold children keep lazy binding, which a
// one-off process starts faster with.
std::string Environment(pid_t pid) {
  std::string bytes = sandtab::test::ReadProcFile(pid, "environ");
  std::replace(bytes.begin(), bytes.end(), '\0', '\n');
  return bytes;
}

TEST_F(ZygoteTest, OnlyTheZygoteBindsEverySymbolAtExec) {
  StartShell();
  TabRef forked = Open(kIndex.file);
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0);
  EXPECT_NE(Environment(zygote).find("LD_BIND_NOW=1\n"), std::string::npos) << Environment(zygote);
  // Its children inherit the environment, and with it nothing to resolve.
  EXPECT_NE(Environment(forked.pid).find("LD_BIND_NOW=1\n"), std::string::npos);
}

TEST_F(ZygoteTest, ColdRenderersBindLazily) {
  StartShell({"--no-zygote"});
  TabRef cold = Open(kIndex.file);
  const std::string environment = Environment(cold.pid);
  EXPECT_NE(environment.find("PATH="), std::string::npos) << "environ unreadable: " << environment;
  EXPECT_EQ(environment.find("LD_BIND_NOW"), std::string::npos) << environment;
}

TEST_F(ZygoteTest, NoZygoteFlagLaunchesColdChildrenOfTheBrowser) {
  StartShell({"--no-zygote"});
  TabRef a = Open(kIndex.file);
  EXPECT_EQ(Ok("stats").get<pid_t>("zygote_pid"), -1);
  EXPECT_EQ(ParentPid(a.pid).value_or(-1), browser_pid());
}

TEST_F(ZygoteTest, ZygoteDeathRestartsItAndEveryTabComesBack) {
  StartShell();
  TabRef a = Open(kIndex.file);
  TabRef b = Open(kArticle.file);
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0);
  // The zygote is the browser's own child, started for this test only.
  ASSERT_EQ(::kill(zygote, SIGKILL), 0);
  const std::pair<TabRef, const char*> tabs[] = {{a, kIndex.file}, {b, kArticle.file}};
  for (const auto& [tab, file] : tabs) {
    Json back = WaitForRestart(tab.id, tab.pid, std::chrono::seconds(15));
    const std::string url = back.get<std::string>("url");
    EXPECT_NE(url.find(file), std::string::npos) << ToJsonText(back);
  }
  pid_t new_zygote = -1;
  ASSERT_TRUE(PollUntil(
      [&] {
        new_zygote = Ok("stats").get<pid_t>("zygote_pid");
        return new_zygote > 0 && new_zygote != zygote;
      },
      std::chrono::seconds(10)));
  EXPECT_TRUE(IsAlive(new_zygote));
  EXPECT_EQ(Ok("stats").get<int>("zombies"), 0);
}

}  // namespace
}  // namespace sandtab::integration
