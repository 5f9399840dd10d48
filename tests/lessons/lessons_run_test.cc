// Every lesson as a class sees it (with --fast), its printed numbers read
// back ("   = name: value" lines) and checked against each other: issue 26
// line 3. And Ctrl+C in the middle of a lesson leaves nothing behind.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/shell_driver.h"

namespace {

std::string BinDir() {
  const char* dir = std::getenv("SANDTAB_BIN_DIR");
  return dir && *dir ? dir : SANDTAB_DEFAULT_BIN_DIR;
}

struct LessonRun {
  sandtab::test::ProcessResult process;
  std::map<std::string, double> numbers;
  double operator[](const std::string& name) const {
    auto it = numbers.find(name);
    if (it == numbers.end()) ADD_FAILURE() << "no number '" << name << "' printed";
    return it == numbers.end() ? -1e18 : it->second;
  }
};

LessonRun RunLesson(const std::string& lesson) {
  LessonRun run;
  run.process = sandtab::test::RunProcess({BinDir() + "/sandtab-lessons", lesson, "--fast"}, std::chrono::minutes(3));
  std::istringstream lines(run.process.stdout_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("   = ", 0) != 0) continue;
    const size_t colon = line.rfind(": ");
    if (colon == std::string::npos) continue;
    char* end = nullptr;
    const std::string value = line.substr(colon + 2);
    const double number = std::strtod(value.c_str(), &end);
    if (end != value.c_str()) run.numbers[line.substr(5, colon - 5)] = number;
  }
  return run;
}

// Each lesson ends with the residue check, and exits 0 only when clean.
void ExpectCleanEnd(const LessonRun& run) {
  EXPECT_FALSE(run.process.timed_out);
  EXPECT_EQ(run.process.exit_code, 0) << run.process.stdout_text << run.process.stderr_text;
  EXPECT_EQ(run["segments left"], 0);
  EXPECT_EQ(run["queues left"], 0);
  EXPECT_EQ(run["processes left"], 0);
}

TEST(LessonsRunTest, ShmSegmentLifecycleLeakAndMemfd) {
  LessonRun run = RunLesson("shm");
  ExpectCleanEnd(run);
  EXPECT_GE(run["segment id"], 0);
  EXPECT_EQ(run["segment still listed"], 0);
  EXPECT_EQ(run["ipcs -m lines for our key"], 1) << run.process.stdout_text;
  EXPECT_EQ(run["ipcs -m lines for our key after"], 0);
  // Other programs may make or remove segments meanwhile: ours is at least one.
  EXPECT_GE(run["stats sysv_shm_segments with the leak"], 1);
  EXPECT_EQ(run["memfd seals"], 7) << "F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL";
  EXPECT_EQ(run["memfd shrink refused"], 1);
}

TEST(LessonsRunTest, RaceLosesUpdatesOnlyUnsynchronisedAndTearsOnlyWithoutTheAck) {
  LessonRun run = RunLesson("race");
  ExpectCleanEnd(run);
  const double runs = run["unsynchronised runs"];
  EXPECT_GE(run["unsynchronised updates lost"], 0);
  EXPECT_LE(run["unsynchronised runs losing updates"], runs);
  EXPECT_EQ(run["mutex updates lost"], 0);
  EXPECT_EQ(run["atomic updates lost"], 0);
  EXPECT_EQ(run["double-buffer torn frames"], 0) << run.process.stdout_text;
  EXPECT_GE(run["double-buffer distinct whole frames"], 2) << "the page must move, or zero torn proves nothing";
  EXPECT_GT(run["single-buffer frames"], 0);
  if (run["cpus"] < 2) GTEST_SKIP() << "one CPU: the two counters never run at once; nothing to lose";
  // Pinned to two CPUs and released together, the runs overlap; a run in
  // which both saw the other half-way through loses updates.
  if (run["unsynchronised runs overlapped"] > 0) {
    EXPECT_GT(run["unsynchronised runs losing updates"], 0) << run.process.stdout_text;
    EXPECT_GT(run["unsynchronised updates lost"], 0);
  }
  EXPECT_GT(run["single-buffer torn frames"], 0) << run.process.stdout_text;
}

TEST(LessonsRunTest, SocketsBlockingNonBlockingAndTheEventLoop) {
  LessonRun run = RunLesson("sockets");
  ExpectCleanEnd(run);
  for (const std::string transport : {"socketpair", "loopback TCP"}) {
    EXPECT_EQ(run[transport + " blocking read bytes"], 21) << "\"hello from the client\"";
    const double runs = run[transport + " non-blocking runs"];
    EXPECT_EQ(run[transport + " non-blocking got data"] + run[transport + " non-blocking EAGAIN"], runs);
    // The delays straddle the client's start-up: both orders happen.
    EXPECT_GT(run[transport + " non-blocking got data"], 0) << run.process.stdout_text;
    EXPECT_GT(run[transport + " non-blocking EAGAIN"], 0) << run.process.stdout_text;
  }
  EXPECT_EQ(run["event loop got data"], run["event loop runs"]);
}

TEST(LessonsRunTest, QueuesTypesLimitsAndTheSandboxDenied) {
  LessonRun run = RunLesson("queues");
  ExpectCleanEnd(run);
  EXPECT_EQ(run["messages waiting"], 5);
  EXPECT_EQ(run["messages received"], 5);
  EXPECT_EQ(run["messages left"], 0);
  EXPECT_GT(run["msgmax (bytes in one message)"], 0);
  EXPECT_EQ(run["full-size messages that fit"], run["msgmnb / msgmax"]);
  EXPECT_EQ(run["reached from a new IPC namespace"], 0);
  EXPECT_EQ(run["sandboxed probe ran"], 1) << run.process.stdout_text;
  EXPECT_EQ(run["reached from the sandbox"], 0) << run.process.stdout_text;
}

TEST(LessonsRunTest, CompareCountsSyscallsAndMeasuresEveryTransport) {
  LessonRun run = RunLesson("compare");
  ExpectCleanEnd(run);
  for (const std::string kind : {"socket", "pipe", "msgqueue", "shm+notify"}) {
    // At least a send and a receive each way; strace -f counts both processes.
    EXPECT_GE(run[kind + " syscalls per 4 KiB message"], 3.5) << kind;
    EXPECT_LE(run[kind + " syscalls per 4 KiB message"], 40) << kind;
    EXPECT_GE(run[kind + " syscalls per 64 KiB message"], 3.5) << kind;
    EXPECT_GT(run[kind + " MiB/s at 1 MiB"], 0) << kind;
  }
  // Past msgmax (8 KiB by default) a 64 KiB message is several msgsnd/msgrcv
  // pairs; shared memory stays one notify each way.
  EXPECT_GT(run["msgqueue syscalls per 64 KiB message"], run["shm+notify syscalls per 64 KiB message"]);
  EXPECT_LE(run["shm+notify syscalls per 64 KiB message"], 6);
  EXPECT_GE(run["crossover bytes (shm+notify faster than the socket from here up)"], 0);
}

TEST(LessonsRunTest, IsolationPrivateSharedAndTabsAsProcesses) {
  LessonRun run = RunLesson("isolation");
  ExpectCleanEnd(run);
  EXPECT_EQ(run["parent's private counter after the child"], 0);
  EXPECT_EQ(run["parent's shared counter after the child"], 1000);
  EXPECT_EQ(run["neighbour's renderer unchanged"], 1);
  EXPECT_EQ(run["killed tab restored in a new renderer"], 1);
}

TEST(LessonsRunTest, AnUnknownLessonIsRefused) {
  auto result = sandtab::test::RunProcess({BinDir() + "/sandtab-lessons", "pigeons"}, std::chrono::seconds(10));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.stderr_text.find("unknown lesson"), std::string::npos) << result.stderr_text;
}

// Ctrl+C while the queue exists (a long pause holds the lesson there): the
// queue, the ftok folder and every child are gone, and the lessons die of
// the SIGINT as an interrupted program should.
TEST(LessonsRunTest, CtrlCInTheMiddleLeavesNoQueueFolderOrProcess) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t lessons = fork();
  ASSERT_GE(lessons, 0);
  if (lessons == 0) {
    dup2(out[1], 1);
    close(out[0]);
    const std::string binary = BinDir() + "/sandtab-lessons";
    execl(binary.c_str(), binary.c_str(), "queues", "--pause-ms=60000", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (text.find("= queue id: ") == std::string::npos ||
         text.find('\n', text.find("= queue id: ")) == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd readable = {out[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
    char chunk[4096];
    const ssize_t got = read(out[0], chunk, sizeof chunk);
    if (got <= 0) break;
    text.append(chunk, static_cast<size_t>(got));
  }
  const size_t at = text.find("= queue id: ");
  ASSERT_NE(at, std::string::npos) << text;
  const int queue = std::atoi(text.c_str() + at + 12);
  const size_t folder_at = text.find("/tmp/sandtab-lessons-");
  ASSERT_NE(folder_at, std::string::npos) << text;
  const std::string folder = text.substr(folder_at, text.find('/', folder_at + 5) - folder_at);
  msqid_ds status = {};
  ASSERT_EQ(msgctl(queue, IPC_STAT, &status), 0) << "the queue exists while the lesson pauses";

  kill(lessons, SIGINT);
  int wait_status = 0;
  ASSERT_EQ(waitpid(lessons, &wait_status, 0), lessons);
  close(out[0]);
  EXPECT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGINT) << wait_status;
  EXPECT_NE(msgctl(queue, IPC_STAT, &status), 0) << "queue " << queue << " left behind";
  EXPECT_NE(access(folder.c_str(), F_OK), 0) << folder << " left behind";
}

}  // namespace
