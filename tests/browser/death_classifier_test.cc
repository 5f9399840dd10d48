// Every cause is classified from the waitpid status of a real child that
// ended that way, not from a status word made up in the test.
#include "browser/process/death_classifier.h"
#include "sandbox/exit_codes.h"
#include "sandbox/setup_step.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

using proto::DeathRecord;

// Runs `body` in a forked child (which must end on its own, or is killed by
// `after_fork`) and returns its waitpid status. No core files, and the
// child's faults kill it: a sanitizer's SEGV handler (ASan builds) would
// report and exit(1) instead, and the status under test is a real crash's.
int StatusOfChild(const std::function<void()>& body, const std::function<void(pid_t)>& after_fork = nullptr) {
  pid_t pid = ::fork();
  if (pid == 0) {
    struct rlimit no_core = {0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    for (int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) ::signal(fault, SIG_DFL);
    body();
    ::_exit(120);  // the body should not return
  }
  EXPECT_GT(pid, 0);
  if (pid <= 0) return -1;
  if (after_fork) after_fork(pid);
  int status = 0;
  EXPECT_TRUE(testing::WaitPidFor(pid, &status, std::chrono::seconds(10))) << "child did not end in time";
  return status;
}

DeathRecord Classify(int status, const DeathEvidence& evidence = {}) {
  DeathRecord record;
  ClassifyDeath(status, evidence, &record);
  return record;
}

// The cause three ways, as the browser shows it: the enum, the sentence of
// `tabs` and `deaths`, and the name --json and the trace use.
// The record's cause, its description and its name, as one check, so that a
// failure points at the test's own line.
::testing::AssertionResult CauseIs(const DeathRecord& record, DeathRecord::Cause cause, const std::string& description,
                                   const std::string& name) {
  if (record.cause() != cause) {
    return ::testing::AssertionFailure() << "cause " << CauseName(record.cause()) << ", expected " << name;
  }
  if (DescribeDeath(record) != description) {
    return ::testing::AssertionFailure() << "described as \"" << DescribeDeath(record) << "\", expected \""
                                         << description << "\"";
  }
  if (CauseName(record.cause()) != name) {
    return ::testing::AssertionFailure() << "named " << CauseName(record.cause()) << ", expected " << name;
  }
  return ::testing::AssertionSuccess();
}

TEST(DeathClassifierTest, CleanExit) {
  int status = StatusOfChild([] { ::_exit(0); });
  ASSERT_TRUE(WIFEXITED(status));
  DeathRecord record = Classify(status);
  EXPECT_TRUE(CauseIs(record, DeathRecord::EXITED, "exited (code 0)", "exited"));
  EXPECT_EQ(record.exit_code(), 0);
  EXPECT_EQ(record.signal(), 0);
}

TEST(DeathClassifierTest, ExitWithErrorCode) {
  int status = StatusOfChild([] { ::_exit(3); });
  DeathRecord record = Classify(status);
  EXPECT_EQ(record.cause(), DeathRecord::EXITED);
  EXPECT_EQ(record.exit_code(), 3);
  EXPECT_EQ(record.signal(), 0);
  EXPECT_EQ(DescribeDeath(record), "exited (code 3)");
}

TEST(DeathClassifierTest, SandboxSetUpFailureNamesTheStep) {
  int status = StatusOfChild([] { ::_exit(sandbox::SetupExitCode(sandbox::SetupStep::kUnshareNamespaces)); });
  DeathRecord record = Classify(status);
  EXPECT_EQ(record.cause(), DeathRecord::LAUNCH_FAILED);
  EXPECT_EQ(DescribeDeath(record),
            "launch failed: sandbox set-up failed: " +
                *sandbox::SetupFailureStep(sandbox::SetupExitCode(sandbox::SetupStep::kUnshareNamespaces)));
}

TEST(DeathClassifierTest, OutOfMemoryExitCode) {
  int status = StatusOfChild([] { ::_exit(sandbox::kExitOutOfMemory); });
  DeathRecord record = Classify(status);
  EXPECT_TRUE(CauseIs(record, DeathRecord::OUT_OF_MEMORY, "out of memory", "out_of_memory"));
  EXPECT_EQ(record.exit_code(), sandbox::kExitOutOfMemory);
  EXPECT_EQ(record.signal(), 0);
}

TEST(DeathClassifierTest, RealSegmentationFault) {
  // A genuine fault (a write to a PROT_NONE page), not raise().
  int status = StatusOfChild([] {
    void* page = ::mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) ::_exit(121);
    *static_cast<volatile int*>(page) = 1;
  });
  ASSERT_TRUE(WIFSIGNALED(status));
  DeathRecord record = Classify(status);
  EXPECT_TRUE(CauseIs(record, DeathRecord::CRASHED, "crashed (signal 11: SIGSEGV)", "crashed"));
  EXPECT_EQ(record.signal(), SIGSEGV);
  EXPECT_EQ(record.exit_code(), -1);
}

TEST(DeathClassifierTest, Abort) {
  int status = StatusOfChild([] { ::abort(); });
  DeathRecord record = Classify(status);
  EXPECT_EQ(record.cause(), DeathRecord::CRASHED);
  EXPECT_EQ(record.signal(), SIGABRT);
  EXPECT_EQ(record.exit_code(), -1);
  EXPECT_EQ(DescribeDeath(record), "crashed (signal 6: SIGABRT)");
}

TEST(DeathClassifierTest, KilledBySigkillWithoutEvidenceIsACrash) {
  int status = StatusOfChild(
      [] {
        for (;;) ::pause();
      },
      [](pid_t pid) { ::kill(pid, SIGKILL); });
  DeathRecord record = Classify(status);
  EXPECT_EQ(record.cause(), DeathRecord::CRASHED);
  EXPECT_EQ(record.signal(), SIGKILL);
  EXPECT_EQ(DescribeDeath(record), "crashed (signal 9: SIGKILL)");
}

int SigsysStatus() {
  // Default disposition of SIGSYS: the process dies as seccomp's KILL would
  // have it look to a parent using SECCOMP_RET_TRAP without a handler.
  return StatusOfChild([] {
    ::signal(SIGSYS, SIG_DFL);
    ::syscall(SYS_kill, ::getpid(), SIGSYS);
  });
}

TEST(DeathClassifierTest, SigsysIsASandboxViolationNamingTheSyscall) {
  int status = SigsysStatus();
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(WTERMSIG(status), SIGSYS);
  DeathEvidence evidence;
  evidence.violation_syscall = "ptrace";
  DeathRecord record = Classify(status, evidence);
  EXPECT_TRUE(CauseIs(record, DeathRecord::SANDBOX_VIOLATION, "sandbox violation: ptrace", "sandbox_violation"));
  EXPECT_EQ(record.signal(), SIGSYS);
  EXPECT_EQ(record.detail(), "ptrace");
}

TEST(DeathClassifierTest, SigsysWithoutASyscallNameStillSaysSandboxViolation) {
  DeathRecord record = Classify(SigsysStatus());
  EXPECT_EQ(record.cause(), DeathRecord::SANDBOX_VIOLATION);
  EXPECT_EQ(DescribeDeath(record), "sandbox violation: unknown syscall");
}

int SigkillStatus() {
  return StatusOfChild(
      [] {
        for (;;) ::pause();
      },
      [](pid_t pid) { ::kill(pid, SIGKILL); });
}

// A SIGKILLed child whose death the browser had recorded first, as `cause`.
DeathRecord ClassifyRecordedKill(DeathRecord::Cause cause, const std::string& detail = "") {
  DeathEvidence evidence;
  evidence.recorded = cause;
  evidence.recorded_detail = detail;
  return Classify(SigkillStatus(), evidence);
}

// What the browser did outranks the status: all of these die by SIGKILL.
TEST(DeathClassifierTest, RecordedBadMessageOutranksTheSignal) {
  DeathRecord record = ClassifyRecordedKill(DeathRecord::BAD_MESSAGE, "frame in the buffer the browser holds");
  EXPECT_TRUE(
      CauseIs(record, DeathRecord::BAD_MESSAGE, "bad message: frame in the buffer the browser holds", "bad_message"));
  EXPECT_EQ(record.signal(), SIGKILL);  // the facts are still recorded
  EXPECT_EQ(record.exit_code(), -1);
  EXPECT_EQ(record.detail(), "frame in the buffer the browser holds");
}

TEST(DeathClassifierTest, RecordedKilledByUserOutranksTheSignal) {
  DeathRecord record = ClassifyRecordedKill(DeathRecord::KILLED_BY_USER);
  EXPECT_TRUE(CauseIs(record, DeathRecord::KILLED_BY_USER, "killed by user", "killed_by_user"));
}

TEST(DeathClassifierTest, RecordedUnresponsiveOutranksTheSignal) {
  DeathRecord record = ClassifyRecordedKill(DeathRecord::UNRESPONSIVE, "no answer in 5000 ms");
  EXPECT_TRUE(CauseIs(record, DeathRecord::UNRESPONSIVE, "unresponsive (no answer in 5000 ms)", "unresponsive"));
}

TEST(DeathClassifierTest, RecordedEvidenceOutranksSigsysAndOomExit) {
  DeathEvidence evidence;
  evidence.recorded = DeathRecord::BAD_MESSAGE;
  evidence.recorded_detail = "x";
  evidence.violation_syscall = "ptrace";
  EXPECT_EQ(Classify(SigsysStatus(), evidence).cause(), DeathRecord::BAD_MESSAGE);
  int oom = StatusOfChild([] { ::_exit(sandbox::kExitOutOfMemory); });
  EXPECT_EQ(Classify(oom, evidence).cause(), DeathRecord::BAD_MESSAGE);
}

TEST(DeathClassifierTest, ViolationSyscallDoesNotTurnOtherDeathsIntoViolations) {
  // A stale "sandbox violation" log line must not relabel a SIGSEGV.
  int status = StatusOfChild([] { ::raise(SIGSEGV); });
  DeathEvidence evidence;
  evidence.violation_syscall = "ptrace";
  DeathRecord record = Classify(status, evidence);
  EXPECT_EQ(record.cause(), DeathRecord::CRASHED);
  EXPECT_EQ(record.signal(), SIGSEGV);
}

TEST(DeathClassifierTest, EveryCauseHasAName) {
  EXPECT_EQ(CauseName(DeathRecord::LAUNCH_FAILED), "launch_failed");
  EXPECT_EQ(CauseName(DeathRecord::CAUSE_UNSPECIFIED), "unknown");
  for (int c = DeathRecord::Cause_MIN; c <= DeathRecord::Cause_MAX; ++c) {
    if (c == DeathRecord::CAUSE_UNSPECIFIED) continue;
    EXPECT_NE(CauseName(static_cast<DeathRecord::Cause>(c)), "unknown") << "cause " << c;
  }
}

TEST(DeathClassifierTest, LaunchFailedDescription) {
  DeathRecord record;
  record.set_cause(DeathRecord::LAUNCH_FAILED);
  record.set_detail("exec failed");
  EXPECT_EQ(DescribeDeath(record), "launch failed: exec failed");
}

}  // namespace
}  // namespace sandtab::browser
