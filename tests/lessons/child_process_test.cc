// ChildProcess: exit codes, a bounded wait that kills, captured output, and
// no child left behind by any path.
#include "lessons/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {
namespace {

// A child that never ends on its own: only a signal (a kill) ends it.
Result<ChildProcess> ForkPausedChild(IpcJanitor& janitor) {
  return ChildProcess::Fork(janitor, [] {
    pause();
    return 0;
  });
}

TEST(ChildProcessTest, ForkRunsTheBodyAndWaitGivesItsExitCode) {
  IpcJanitor janitor;
  auto child = ChildProcess::Fork(janitor, [] { return 7; });
  ASSERT_TRUE(child.ok()) << child.error();
  auto status = child->Wait(std::chrono::seconds(10));
  ASSERT_TRUE(status.ok()) << status.error();
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 7);
  EXPECT_EQ(DescribeWaitStatus(*status), "exited 7");
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0);
}

TEST(ChildProcessTest, AWaitThatTimesOutKillsAndReaps) {
  IpcJanitor janitor;
  auto child = ForkPausedChild(janitor);
  ASSERT_TRUE(child.ok()) << child.error();
  auto status = child->Wait(std::chrono::milliseconds(100));
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0);
}

TEST(ChildProcessTest, TheDestructorKillsAChildNobodyWaitedFor) {
  IpcJanitor janitor;
  {
    auto child = ForkPausedChild(janitor);
    ASSERT_TRUE(child.ok()) << child.error();
    EXPECT_EQ(IpcJanitor::ChildrenLeft(), 1);
  }
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0);
}

TEST(ChildProcessTest, RunCapturesAProgramsOutput) {
  IpcJanitor janitor;
  auto echo = ChildProcess::Run(janitor, {"/bin/echo", "hello", "class"});
  ASSERT_TRUE(echo.ok()) << echo.error();
  auto output = echo->ReadOutput(std::chrono::seconds(10));
  ASSERT_TRUE(output.ok()) << output.error();
  EXPECT_EQ(*output, "hello class\n");
  auto status = echo->Wait(std::chrono::seconds(10));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(DescribeWaitStatus(*status), "exited 0");
}

TEST(ChildProcessTest, AKilledChildIsDescribedBySignal) {
  IpcJanitor janitor;
  auto child = ChildProcess::Fork(janitor, [] {
    raise(SIGKILL);
    return 0;
  });
  ASSERT_TRUE(child.ok());
  auto status = child->Wait(std::chrono::seconds(10));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(DescribeWaitStatus(*status).rfind("killed by signal 9", 0), 0u) << DescribeWaitStatus(*status);
}

}  // namespace
}  // namespace sandtab::lessons
