// DESIGN section 6 ("no zombies, ever") and the browser's own resources:
// closing tabs gives back processes, fds, memfds and shared memory.
#include <algorithm>
#include <iterator>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

class LifecycleTest : public ShellTest {};

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text;
}

// open answers before the renderer exists (issue 26 line 5): its state says
// so, and the pid it could not give yet comes with `wait` and `tabs`.
TEST_F(LifecycleTest, OpenAnswersAStateAndThePidComesOnceTheRendererIsUp) {
  StartShell();
  Json opened = Ok(std::string("open ") + kIndex.file);
  const int id = opened.get<int>("id");
  const std::string state = opened.get<std::string>("state", "");
  const pid_t pid = opened.get<pid_t>("pid");
  EXPECT_TRUE(state == "launching" || state == "loading") << ToJsonText(opened);
  if (state == "launching") {
    EXPECT_EQ(pid, -1) << "a launching tab has no renderer pid yet";
  }
  Json waited = Ok("wait " + std::to_string(id) + " 10", 20s);
  EXPECT_GT(waited.get<pid_t>("pid", -1), 0) << ToJsonText(waited);
  EXPECT_TRUE(IsAlive(waited.get<pid_t>("pid", -1)));
}

// The same in the text shell: `open` says the renderer is on its way, and
// `wait` names the renderer's pid once it has painted.
TEST_F(LifecycleTest, TextOpenSaysLaunchingAndWaitNamesTheRendererPid) {
  sandtab::test::ProcessResult result = sandtab::test::RunProcess(
      {"/bin/sh", "-c", "printf 'open index.html\\nwait 1 10\\nquit\\n' | \"$0\" --content-root=\"$1\"",
       SandtabBinary(), PagesDir()},
      30s);
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  const std::string& text = result.stdout_text;
  EXPECT_TRUE(text.rfind("1 (launching; `wait 1` gives its renderer's pid)\n", 0) == 0 ||
              text.rfind("1 (loading, renderer pid ", 0) == 0)
      << text;
  const size_t waited = text.find("tab 1 loaded and painted by renderer pid ");
  ASSERT_NE(waited, std::string::npos) << text;
  EXPECT_GT(std::atoi(text.c_str() + waited + std::string("tab 1 loaded and painted by renderer pid ").size()), 0)
      << text;
}

TEST_F(LifecycleTest, CloseReapsTheRendererWithinBoundedTime) {
  // Counts renderer processes: without the spare renderer, whose own reaping
  // spare_renderer_test.cc checks.
  StartShell({"--no-spare-renderer"});
  TabRef keep = Open(kTable.file);
  TabRef tab = Open(kIndex.file);
  ASSERT_TRUE(IsAlive(tab.pid));
  Ok("close " + std::to_string(tab.id));

  bool zombie_seen = false;
  bool gone = PollUntil(
      [&] {
        zombie_seen |= IsZombie(tab.pid);
        return IsGone(tab.pid);
      },
      5s);
  EXPECT_TRUE(gone) << "pid " << tab.pid << " still in /proc 5 s after close, state "
                    << sandtab::test::ProcessState(tab.pid).value_or('?');
  EXPECT_TRUE(PsEntry(tab.pid).empty()) << "ps still lists the closed tab's renderer";
  for (const Json& t : Tabs()) EXPECT_NE(t.get<int>("id"), tab.id) << "closed tab still listed";
  Json stats = Ok("stats");
  EXPECT_EQ(stats.get<int>("zombies"), 0) << ToJsonText(stats);
  EXPECT_EQ(stats.get<int>("tabs"), 1) << ToJsonText(stats);
  // Renderers are children of the browser (cold launch) or of its zygote:
  // either way only the kept tab's renderer is left.
  EXPECT_EQ(RendererDescendants(browser_pid()), std::vector<pid_t>{keep.pid});
  // A closed tab is a close, not a death.
  EXPECT_EQ(stats.get<int>("deaths"), 0) << ToJsonText(stats);
  EXPECT_TRUE(IsAlive(keep.pid));
  EXPECT_EQ(Cmd("close " + std::to_string(tab.id)).count("error"), 1u) << "closed twice";
}

TEST_F(LifecycleTest, FiftyOpenCloseCyclesLeaveNoFdsMemfdsShmOrZombies) {
  StartShell();
  std::vector<std::string> shm_before = DirEntries("/dev/shm");
  // One warm-up cycle first, so one-time lazy set-up (a buffer pool, the
  // shared network namespace, ...) is part of the baseline, not a leak.
  Ok("close " + std::to_string(Open(kIndex.file).id));
  auto settled = [&] {
    Json stats = Ok("stats");
    return stats.get<int>("live_children") == 0 && RendererDescendants(browser_pid()).empty();
  };
  ASSERT_TRUE(PollUntil(settled, 5s));
  Json before = Ok("stats");
  // The browser's own, not the machine's: a sandbox test beside this one
  // makes a segment of its own for its probes.
  const std::vector<std::string> sysv_before = sandtab::test::SysvSegmentsOfTree(browser_pid());
  int proc_fds_before = FdCount(browser_pid());
  int proc_memfds_before = MemfdCount(browser_pid());
  std::vector<std::string> fd_targets_before = FdTargets(browser_pid());

  const PageFacts pages[] = {kIndex, kArticle, kTable};
  for (int i = 0; i < 50; ++i) {
    TabRef tab = Open(pages[i % 3].file);
    Ok("close " + std::to_string(tab.id));
  }
  ASSERT_TRUE(PollUntil(settled, 10s)) << ToJsonText(Ok("stats"));
  Json after = Ok("stats");

  EXPECT_EQ(after.get<int>("tabs"), 0);
  EXPECT_EQ(after.get<int>("zombies"), 0) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("fds"), before.get<int>("fds")) << ToJsonText(after);
  EXPECT_EQ(after.get<int>("memfds"), before.get<int>("memfds")) << ToJsonText(after);
  EXPECT_EQ(after.get<long>("shared_bytes"), before.get<long>("shared_bytes"));
  EXPECT_EQ(after.get<int>("dev_shm_entries"), before.get<int>("dev_shm_entries"));
  EXPECT_EQ(sandtab::test::SysvSegmentsOfTree(browser_pid()), sysv_before);
  EXPECT_EQ(FdCount(browser_pid()), proc_fds_before) << "browser fds before:\n"
                                                     << Join(fd_targets_before) << "after:\n"
                                                     << Join(FdTargets(browser_pid()));
  EXPECT_EQ(MemfdCount(browser_pid()), proc_memfds_before);
  // The browser's own count agrees with /proc (it may count itself reading).
  EXPECT_NEAR(after.get<int>("fds"), FdCount(browser_pid()), 1);

  std::vector<std::string> shm_after = DirEntries("/dev/shm");
  std::vector<std::string> new_entries;
  std::set_difference(shm_after.begin(), shm_after.end(), shm_before.begin(), shm_before.end(),
                      std::back_inserter(new_entries));
  EXPECT_TRUE(new_entries.empty()) << "new in /dev/shm:\n" << Join(new_entries);
  EXPECT_EQ(after.get<int>("deaths"), 0) << "closing is not dying: " << ToJsonText(after);
}

// A screenshot composes a 4 MB frame and frees it; the browser's heap must
// not keep those pages (glibc's malloc did, from the second one on).
TEST_F(LifecycleTest, ScreenshotsLeaveNoFrameBehindInTheBrowsersHeap) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer brings its own allocator; this is about glibc's";
#endif
  StartShell({"--window-size=1280,800"});
  const TabRef tab = Open(kArticle.file);
  Screenshot(tab.id);
  const long after_one = sandtab::test::SmapsKb(browser_pid(), "[heap]", "Private_Dirty:");
  for (int shot = 0; shot < 3; ++shot) Screenshot(tab.id);
  const long after_four = sandtab::test::SmapsKb(browser_pid(), "[heap]", "Private_Dirty:");
  EXPECT_LT(after_four - after_one, 2048)
      << "KiB of heap kept after three more 1280x800 screenshots: " << after_one << " -> " << after_four;
}

TEST_F(LifecycleTest, QuitEndsTheBrowserAndEveryRenderer) {
  StartShell();
  std::vector<pid_t> renderers;
  for (const PageFacts& page : {kIndex, kArticle, kTable}) renderers.push_back(Open(page.file).pid);
  pid_t browser = browser_pid();
  auto status = shell().Quit(10s);
  ASSERT_TRUE(status.has_value()) << "browser did not exit within 10 s of quit";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "status " << *status;
  EXPECT_TRUE(IsGone(browser));
  for (pid_t pid : renderers) {
    EXPECT_TRUE(PollUntil([&] { return IsGone(pid); }, 5s)) << "renderer " << pid << " outlived the browser";
  }
}

}  // namespace
}  // namespace sandtab::integration
