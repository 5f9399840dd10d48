// The seccomp policy alone, in forked children (gtest death tests): no
// namespaces needed, so these isolate the filter from layer 1.
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sandbox/seccomp_policy.h"
#include "sandbox/sigsys_reporter.h"

namespace sandtab::sandbox {
namespace {

void LoadPolicy(Profile profile) {
  if (InstallSigsysReporter() != 0 || LoadSeccompPolicy(profile) != 0)
    _exit(99);
}

// Exit code 0 iff |call| failed with |expected_errno|.
#define EXPECT_ERRNO_UNDER_POLICY(call, expected_errno)     \
  EXPECT_EXIT(                                              \
      {                                                     \
        LoadPolicy(Profile::kRenderer);                     \
        long rc = (call);                                   \
        _exit(rc < 0 && errno == (expected_errno) ? 0 : 1); \
      },                                                    \
      ::testing::ExitedWithCode(0), "")

#define EXPECT_ALLOWED_UNDER_POLICY(call) \
  EXPECT_EXIT(                            \
      {                                   \
        LoadPolicy(Profile::kRenderer);   \
        _exit((call) >= 0 ? 0 : 1);       \
      },                                  \
      ::testing::ExitedWithCode(0), "")

TEST(SeccompPolicyDeathTest, OrdinaryForbiddenCallsGetEperm) {
  EXPECT_ERRNO_UNDER_POLICY(open("/etc/passwd", O_RDONLY), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(socket(AF_INET, SOCK_STREAM, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(kill(getppid(), 0), EPERM);
}

TEST(SeccompPolicyDeathTest, Clone3GetsEnosys) {
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_clone3, nullptr, 0), ENOSYS);
}

TEST(SeccompPolicyDeathTest, ArgumentCasesAreCheckedBeforeTheCatchAll) {
  EXPECT_ALLOWED_UNDER_POLICY(fcntl(1, F_GETFL));
  EXPECT_ERRNO_UNDER_POLICY(fcntl(1, F_SETOWN, 1), EPERM);
  int on = 1;
  EXPECT_ALLOWED_UNDER_POLICY(ioctl(2, FIONBIO, &on));
  EXPECT_ERRNO_UNDER_POLICY(ioctl(2, TIOCSTI, "x"), EPERM);
  EXPECT_ALLOWED_UNDER_POLICY(kill(getpid(), 0));
  struct sigaction old;
  EXPECT_ALLOWED_UNDER_POLICY(sigaction(SIGUSR1, nullptr, &old));
}

// Calls that take a pid answer about the caller only: a sibling forked
// from the same zygote shares the PID namespace (tests/sandbox/sibling_test.cc).
TEST(SeccompPolicyDeathTest, SchedulingGettersAnswerOnlyAboutItself) {
  sched_param param;
  cpu_set_t cpus;
  EXPECT_ALLOWED_UNDER_POLICY(sched_getparam(0, &param));
  EXPECT_ALLOWED_UNDER_POLICY(sched_getparam(getpid(), &param));
  EXPECT_ERRNO_UNDER_POLICY(sched_getparam(getppid(), &param), EPERM);
  EXPECT_ALLOWED_UNDER_POLICY(sched_getscheduler(0));
  EXPECT_ERRNO_UNDER_POLICY(sched_getscheduler(getppid()), EPERM);
  EXPECT_ALLOWED_UNDER_POLICY(sched_getaffinity(0, sizeof(cpus), &cpus));
  EXPECT_ALLOWED_UNDER_POLICY(sched_getaffinity(getpid(), sizeof(cpus), &cpus));
  EXPECT_ERRNO_UNDER_POLICY(sched_getaffinity(getppid(), sizeof(cpus), &cpus), EPERM);
}

TEST(SeccompPolicyDeathTest, DangerousCallsDieOfSigsysWithTheirName) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        syscall(SYS_ptrace, 0x4206 /* PTRACE_SEIZE */, getpid(), 0, 0);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS),
      "sandtab-sandbox: sandbox violation: syscall=101 name=ptrace\n");
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kPlugin);
        syscall(SYS_unshare, 0);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS),
      "sandtab-sandbox: sandbox violation: syscall=272 name=unshare\n");
}

TEST(SeccompPolicyDeathTest, TheReporterCannotBeReplaced) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        signal(SIGSYS, SIG_IGN);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "name=rt_sigaction\n");
}

TEST(SeccompPolicyDeathTest, ASelfSentSigsysIsNotAViolation) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        raise(SIGSYS);  // handled and ignored: only the kernel's trap counts
        _exit(7);
      },
      ::testing::ExitedWithCode(7), "");
}

}  // namespace
}  // namespace sandtab::sandbox
