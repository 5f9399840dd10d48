// DESIGN section 1: one sandboxed renderer process per tab, distinct from
// the browser, checked against /proc as well as against `ps`.
#include <set>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class ProcessModelTest : public ShellTest {};

TEST_F(ProcessModelTest, ThreeTabsGetThreeDistinctSandboxedRenderers) {
  StartShell();
  TabRef index = Open(kIndex.file);
  TabRef article = Open(kArticle.file);
  TabRef table = Open(kTable.file);

  std::set<pid_t> pids{index.pid, article.pid, table.pid};
  EXPECT_EQ(pids.size(), 3u) << "renderer pids " << index.pid << ", " << article.pid << ", " << table.pid;
  EXPECT_EQ(pids.count(browser_pid()), 0u) << "a tab runs in the browser process";

  // `tabs` agrees with `open`/`wait`.
  EXPECT_EQ(Tab(index.id).get<pid_t>("pid"), index.pid);
  EXPECT_EQ(Tab(article.id).get<pid_t>("pid"), article.pid);
  EXPECT_EQ(Tab(table.id).get<pid_t>("pid"), table.pid);

  // `ps` lists the browser as itself, and each renderer for its own tab.
  Json browser = PsEntry(browser_pid());
  ASSERT_FALSE(browser.empty()) << "ps does not list the browser pid " << browser_pid();
  EXPECT_EQ(browser.get<std::string>("type", ""), "browser");
  for (const TabRef& tab : {index, article, table}) {
    SCOPED_TRACE("tab " + std::to_string(tab.id) + " pid " + std::to_string(tab.pid));
    Json entry = PsEntry(tab.pid);
    ASSERT_FALSE(entry.empty()) << "ps does not list the renderer";
    EXPECT_EQ(entry.get<std::string>("type", ""), "renderer");
    EXPECT_EQ(entry.get<int>("tab", -1), tab.id);
    EXPECT_TRUE(JsonBool(entry, "sandboxed")) << sandtab::test::ToJsonText(entry);
    // A real, live process: a child of the browser, or of the browser's
    // zygote (which is the browser's child).
    EXPECT_TRUE(IsAlive(tab.pid));
    const pid_t parent = ParentPid(tab.pid).value_or(-1);
    EXPECT_TRUE(parent == browser_pid() || ParentPid(parent).value_or(-1) == browser_pid()) << "parent " << parent;
  }
}

}  // namespace
}  // namespace sandtab::integration
