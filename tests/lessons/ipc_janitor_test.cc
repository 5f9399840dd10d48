// IpcJanitor removes what it was given and nothing else, and finds what is
// still listed in /proc/sysvipc.
#include "lessons/ipc_janitor.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace sandtab::lessons {
namespace {

bool SegmentExists(int id) {
  shmid_ds status = {};
  return shmctl(id, IPC_STAT, &status) == 0;
}

bool QueueExists(int id) {
  msqid_ds status = {};
  return msgctl(id, IPC_STAT, &status) == 0;
}

TEST(IpcJanitorTest, RemovesTrackedSegmentsQueuesAndProcesses) {
  IpcJanitor janitor;
  const int segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  const int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  ASSERT_GE(segment, 0);
  ASSERT_GE(queue, 0);
  janitor.TrackSegment(segment);
  janitor.TrackQueue(queue);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    pause();
    _exit(0);
  }
  janitor.TrackProcess(child);
  EXPECT_EQ(janitor.SegmentsLeft(), 1);
  EXPECT_EQ(janitor.QueuesLeft(), 1);
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 1);

  janitor.RemoveAll();
  EXPECT_FALSE(SegmentExists(segment));
  EXPECT_FALSE(QueueExists(queue));
  EXPECT_EQ(janitor.SegmentsLeft(), 0);
  EXPECT_EQ(janitor.QueuesLeft(), 0);
  EXPECT_EQ(IpcJanitor::ChildrenLeft(), 0) << "killed and reaped";
  EXPECT_EQ(waitpid(child, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST(IpcJanitorTest, LeavesWhatItWasNotGivenOrWasToldToForget) {
  const int theirs = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  const int forgotten = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  ASSERT_GE(theirs, 0);
  ASSERT_GE(forgotten, 0);
  {
    IpcJanitor janitor;
    janitor.TrackSegment(forgotten);
    janitor.ForgetSegment(forgotten);
  }  // the destructor cleans up too
  EXPECT_TRUE(SegmentExists(theirs));
  EXPECT_TRUE(SegmentExists(forgotten));
  shmctl(theirs, IPC_RMID, nullptr);
  shmctl(forgotten, IPC_RMID, nullptr);
}

TEST(IpcJanitorTest, RemoveAllEmptiesTheFolderToo) {
  IpcJanitor janitor;
  const std::string path = janitor.folder().File("queue");
  janitor.RemoveAll();
  EXPECT_NE(access(path.c_str(), F_OK), 0);
}

// What Ctrl+C does: the handler removes everything, then the signal ends the
// process as it would have.
TEST(IpcJanitorTest, AnInterruptRemovesEverythingThenEndsTheProcess) {
  const int segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  ASSERT_GE(segment, 0);
  const pid_t lessons = fork();
  ASSERT_GE(lessons, 0);
  if (lessons == 0) {
    IpcJanitor janitor;
    janitor.InstallInterruptHandlers();
    janitor.TrackSegment(segment);
    raise(SIGINT);
    _exit(0);  // not reached: the handler re-raises with the default action
  }
  int status = 0;
  ASSERT_EQ(waitpid(lessons, &status, 0), lessons);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
  EXPECT_FALSE(SegmentExists(segment));
}

}  // namespace
}  // namespace sandtab::lessons
