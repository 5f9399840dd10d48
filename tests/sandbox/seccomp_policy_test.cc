// The seccomp policy alone, in forked children (gtest death tests): no
// namespaces needed, so these isolate the filter from layer 1. Every test
// runs twice: with the filter compiled in the child (LoadSeccompPolicy, a
// cold start) and with the one prepared in the parent before the fork
// (PrepareLayer2 + LoadPreparedSeccompPolicy, a zygote's child): both must
// behave alike, the pid-dependent rules included.
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <thread>

#include "sandbox/prepared_layer2.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/sigsys_reporter.h"

namespace sandtab::sandbox {
namespace {

enum class FilterPath { kCompiled, kPrepared };

FilterPath g_path = FilterPath::kCompiled;

// Prepared in the parent (the test body), used in the forked child.
const PreparedLayer2& Prepared(Profile profile) {
  static const PreparedLayer2 renderer = PrepareLayer2(Profile::kRenderer);
  static const PreparedLayer2 plugin = PrepareLayer2(Profile::kPlugin);
  static const PreparedLayer2 jitless = PrepareLayer2(Profile::kRendererJitless);
  return profile == Profile::kRenderer ? renderer : profile == Profile::kPlugin ? plugin : jitless;
}

void LoadPolicy(Profile profile) {
  if (InstallSigsysReporter() != 0) _exit(99);
  int rc = g_path == FilterPath::kCompiled ? LoadSeccompPolicy(profile) : LoadPreparedSeccompPolicy(Prepared(profile));
  if (rc != 0) _exit(99);
}

class SeccompPolicyDeathTest : public ::testing::TestWithParam<FilterPath> {
 protected:
  void SetUp() override {
    g_path = GetParam();
    if (g_path == FilterPath::kPrepared) {
      ASSERT_EQ(Prepared(Profile::kRenderer).error, 0);
      ASSERT_EQ(Prepared(Profile::kPlugin).error, 0);
      ASSERT_EQ(Prepared(Profile::kRendererJitless).error, 0);
    }
  }
};

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

// A JIT writes code and makes it executable: the renderer's profile allows
// that; under --js-flags=--jitless its profile refuses any PROT_EXEC.
// Exit code: 0 allowed, 1 EPERM, 2 another failure.
int ExecutableMappingUnder(Profile profile, bool through_mprotect) {
  LoadPolicy(profile);
  void* page = through_mprotect ? mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                                : mmap(nullptr, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!through_mprotect) return page != MAP_FAILED ? 0 : errno == EPERM ? 1 : 2;
  if (page == MAP_FAILED) return 2;
  if (mprotect(page, 4096, PROT_READ | PROT_EXEC) == 0) return 0;
  return errno == EPERM ? 1 : 2;
}

TEST_P(SeccompPolicyDeathTest, OnlyTheJitlessRendererIsRefusedExecutableMemory) {
  for (bool through_mprotect : {false, true}) {
    EXPECT_EXIT(_exit(ExecutableMappingUnder(Profile::kRenderer, through_mprotect)), ::testing::ExitedWithCode(0), "")
        << "mprotect: " << through_mprotect;
    EXPECT_EXIT(_exit(ExecutableMappingUnder(Profile::kRendererJitless, through_mprotect)),
                ::testing::ExitedWithCode(1), "")
        << "mprotect: " << through_mprotect;
  }
  // Memory without PROT_EXEC is still the jitless renderer's to map.
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRendererJitless);
        void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        _exit(page != MAP_FAILED && mprotect(page, 4096, PROT_READ) == 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_P(SeccompPolicyDeathTest, OrdinaryForbiddenCallsGetEperm) {
  EXPECT_ERRNO_UNDER_POLICY(open("/etc/passwd", O_RDONLY), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(socket(AF_INET, SOCK_STREAM, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(kill(getppid(), 0), EPERM);
}

TEST_P(SeccompPolicyDeathTest, Clone3GetsEnosys) { EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_clone3, nullptr, 0), ENOSYS); }

TEST_P(SeccompPolicyDeathTest, ArgumentCasesAreCheckedBeforeTheCatchAll) {
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
TEST_P(SeccompPolicyDeathTest, SchedulingGettersAnswerOnlyAboutItself) {
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

// A thread other than the main one has a tid no filter knows in advance;
// glibc names it so (pthread_getattr_np asks for its affinity by tid, as
// AddressSanitizer does for every thread it starts). The SIGSYS handler
// serves a thread asking about itself and refuses any other pid.
int AskAboutItselfFromAThread() {
  int failures = 0;
  std::thread thread([&] {
    const pid_t tid = static_cast<pid_t>(syscall(SYS_gettid));
    if (tid == getpid()) {
      failures += 100;  // not another thread: the test would prove nothing
      return;
    }
    cpu_set_t cpus;
    sched_param param;
    failures += sched_getaffinity(tid, sizeof(cpus), &cpus) == 0 && CPU_COUNT(&cpus) > 0 ? 0 : 1;
    failures += sched_getparam(tid, &param) == 0 ? 0 : 1;
    failures += sched_getscheduler(tid) >= 0 ? 0 : 1;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_destroy(&attr);
    } else {
      failures += 1;
    }
    errno = 0;
    failures += sched_getaffinity(getppid(), sizeof(cpus), &cpus) == -1 && errno == EPERM ? 0 : 1;
    errno = 0;
    failures += sched_getparam(getppid(), &param) == -1 && errno == EPERM ? 0 : 1;
    // Only itself: the handler compares with the caller's tid, so the
    // main thread's tid from here is the process's pid (allowed by the
    // filter) and the parent's is refused above.
  });
  thread.join();
  return failures;
}

TEST_P(SeccompPolicyDeathTest, AThreadAsksAboutItselfByItsTid) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        _exit(AskAboutItselfFromAThread());
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_P(SeccompPolicyDeathTest, DangerousCallsDieOfSigsysWithTheirName) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        syscall(SYS_ptrace, 0x4206 /* PTRACE_SEIZE */, getpid(), 0, 0);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "sandtab-sandbox: sandbox violation: syscall=101 name=ptrace\n");
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kPlugin);
        syscall(SYS_unshare, 0);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "sandtab-sandbox: sandbox violation: syscall=272 name=unshare\n");
}

TEST_P(SeccompPolicyDeathTest, TheReporterCannotBeReplaced) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        signal(SIGSYS, SIG_IGN);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "name=rt_sigaction\n");
}

// The kernel reads rt_sigaction's signal number as an int, the low 32 bits
// of the register; the filter compares all 64. A SIGSYS with upper bits set
// is still SIGSYS to the kernel, so it must die like the plain one (it
// installed a handler before the rule compared the low word).
TEST_P(SeccompPolicyDeathTest, TheReporterCannotBeReplacedWithUpperBitsSet) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        struct sigaction action = {};
        action.sa_handler = SIG_IGN;
        syscall(SYS_rt_sigaction, (1ULL << 32) | SIGSYS, &action, nullptr, 8);
        syscall(SYS_ptrace, 0x4206 /* PTRACE_SEIZE */, getpid(), 0, 0);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "name=rt_sigaction\n");
  // Any value with upper bits set dies, so none can alias a signal.
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        struct sigaction old;
        syscall(SYS_rt_sigaction, (1ULL << 63) | SIGUSR1, nullptr, &old, 8);
        _exit(1);
      },
      ::testing::KilledBySignal(SIGSYS), "name=rt_sigaction\n");
  // Every real signal but SIGSYS keeps working.
  struct sigaction old;
  EXPECT_ALLOWED_UNDER_POLICY(syscall(SYS_rt_sigaction, SIGRTMAX, nullptr, &old, 8));
  EXPECT_ALLOWED_UNDER_POLICY(syscall(SYS_rt_sigaction, SIGSEGV, nullptr, &old, 8));
  EXPECT_ALLOWED_UNDER_POLICY(syscall(SYS_rt_sigaction, SIGSYS + 1, nullptr, &old, 8));
}

// newfstatat is fstat only: an empty path with AT_EMPTY_PATH (glibc's
// fstat) is served as fstat(fd); a path is refused whatever the flags, and
// whether it is absolute or relative to an fd.
TEST_P(SeccompPolicyDeathTest, NewfstatatIsFstatOnly) {
  struct stat st;
  EXPECT_EXIT(
      {
        int fd = ::open("/", O_RDONLY | O_DIRECTORY);
        struct stat before;
        if (fd < 0 || ::fstat(fd, &before) != 0) _exit(2);
        LoadPolicy(Profile::kRenderer);
        struct stat after = {};
        if (::fstat(fd, &after) != 0) _exit(3);
        if (syscall(SYS_newfstatat, fd, "", &after, AT_EMPTY_PATH) != 0) _exit(4);
        _exit(after.st_ino == before.st_ino && after.st_dev == before.st_dev ? 0 : 5);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_newfstatat, AT_FDCWD, "/", &st, AT_EMPTY_PATH), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_newfstatat, AT_FDCWD, "/", &st, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_newfstatat, 2, "", &st, 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_newfstatat, 2, "", &st, (1ULL << 32) | AT_SYMLINK_NOFOLLOW), EPERM);
  // Relative to a directory fd the process kept from before the filter.
  EXPECT_EXIT(
      {
        int dir = ::open("/", O_RDONLY | O_DIRECTORY);
        LoadPolicy(Profile::kRenderer);
        struct stat child;
        long rc = syscall(SYS_newfstatat, dir, "etc", &child, AT_EMPTY_PATH);
        _exit(dir >= 0 && rc == -1 && errno == EPERM ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_P(SeccompPolicyDeathTest, ASelfSentSigsysIsNotAViolation) {
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        raise(SIGSYS);  // handled and ignored: only the kernel's trap counts
        _exit(7);
      },
      ::testing::ExitedWithCode(7), "");
}

// kill and tgkill compare their first argument with the caller's pid: in
// the prepared filter, that pid was patched in after the fork.
TEST_P(SeccompPolicyDeathTest, SignalsGoOnlyToItself) {
  EXPECT_ALLOWED_UNDER_POLICY(kill(getpid(), 0));
  EXPECT_ALLOWED_UNDER_POLICY(syscall(SYS_tgkill, getpid(), gettid(), 0));
  EXPECT_ERRNO_UNDER_POLICY(kill(getppid(), 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_tgkill, getppid(), getppid(), 0), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(kill(0, 0), EPERM);  // its process group
  EXPECT_ERRNO_UNDER_POLICY(kill(static_cast<pid_t>(kPidPlaceholder), 0), EPERM);
  EXPECT_EXIT(
      {
        LoadPolicy(Profile::kRenderer);
        raise(SIGUSR1);  // tgkill(self, self): default action, terminates
        _exit(1);
      },
      ::testing::KilledBySignal(SIGUSR1), "");
}

// The placeholder pid of the prepared filter never matches after the patch.
TEST_P(SeccompPolicyDeathTest, ThePlaceholderPidIsNotAllowed) {
  cpu_set_t cpus;
  sched_param param;
  auto placeholder = static_cast<pid_t>(kPidPlaceholder);
  EXPECT_ERRNO_UNDER_POLICY(sched_getaffinity(placeholder, sizeof(cpus), &cpus), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(sched_getparam(placeholder, &param), EPERM);
  EXPECT_ERRNO_UNDER_POLICY(syscall(SYS_tgkill, placeholder, placeholder, 0), EPERM);
}

INSTANTIATE_TEST_SUITE_P(FilterPaths, SeccompPolicyDeathTest,
                         ::testing::Values(FilterPath::kCompiled, FilterPath::kPrepared),
                         [](const ::testing::TestParamInfo<FilterPath>& info) {
                           return info.param == FilterPath::kCompiled ? std::string("Compiled")
                                                                      : std::string("Prepared");
                         });

}  // namespace
}  // namespace sandtab::sandbox
