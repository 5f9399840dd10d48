// PrepareLayer2: the filter compiled before a fork, with a placeholder for
// the pid, must become exactly the filter libseccomp compiles for the
// child's pid (seccomp_policy_test.cc runs the policy's behaviour through
// both paths).
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include <gtest/gtest.h>

#include "sandbox/prepared_layer2.h"
#include "sandbox/seccomp_policy.h"

namespace sandtab::sandbox {
namespace {

constexpr Profile kProfiles[] = {Profile::kRenderer, Profile::kPlugin};

// Where seccomp_data.args[i] keeps its low and high 32-bit words (x86-64
// and every little-endian architecture).
constexpr uint32_t kArgsOffset = offsetof(seccomp_data, args);

bool IsArgumentLoad(const sock_filter& instruction, bool high_word) {
  if (instruction.code != (BPF_LD | BPF_W | BPF_ABS) || instruction.k < kArgsOffset ||
      instruction.k >= kArgsOffset + 6 * 8)
    return false;
  return ((instruction.k - kArgsOffset) % 8 == 4) == high_word;
}

bool SameProgram(const std::vector<sock_filter>& a, const std::vector<sock_filter>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].code != b[i].code || a[i].jt != b[i].jt || a[i].jf != b[i].jf || a[i].k != b[i].k) return false;
  return true;
}

size_t CountPlaceholders(const std::vector<sock_filter>& program) {
  size_t count = 0;
  for (const sock_filter& instruction : program) count += instruction.k == kPidPlaceholder;
  return count;
}

TEST(PreparedLayer2Test, PlaceholderSitsOnlyInLowWordEqualityCompares) {
  for (Profile profile : kProfiles) {
    PreparedLayer2 prepared = PrepareLayer2(profile);
    ASSERT_EQ(prepared.error, 0) << ProfileName(profile);
    // kill, tgkill, sched_getparam, sched_getscheduler (and the renderer's
    // sched_getaffinity) compare with the pid; libseccomp emits identical
    // blocks once (kill and tgkill share one, the sched_get* another).
    EXPECT_GE(prepared.placeholder_positions.size(), 2u);
    EXPECT_EQ(CountPlaceholders(prepared.program), prepared.placeholder_positions.size());
    for (size_t position : prepared.placeholder_positions) {
      ASSERT_LT(position, prepared.program.size());
      const sock_filter& compare = prepared.program[position];
      EXPECT_EQ(compare.code, BPF_JMP | BPF_JEQ | BPF_K);
      EXPECT_EQ(compare.k, kPidPlaceholder);
      // libseccomp 2.5 compares a 64-bit argument as "high word == 0, then
      // low word == pid": the instruction before loads the low word, and
      // the high word compare before that is against 0 (a pid's high word).
      ASSERT_GE(position, 3u);
      EXPECT_TRUE(IsArgumentLoad(prepared.program[position - 1], /*high_word=*/false)) << position;
      const sock_filter& high = prepared.program[position - 2];
      EXPECT_EQ(high.code, BPF_JMP | BPF_JEQ | BPF_K) << position;
      EXPECT_EQ(high.k, 0u) << position;
      EXPECT_TRUE(IsArgumentLoad(prepared.program[position - 3], /*high_word=*/true)) << position;
    }
  }
}

// The heart of it: placeholder + patch == libseccomp for that pid (the
// order libseccomp emits does not depend on the value). One exception,
// behaviourally identical: a pid equal to kThreadCloneFlags (0x3d0f00,
// possible only with pid_max raised above 4001536) makes kill's block
// ("arg0 == X: allow, else EPERM") identical to clone's, and libseccomp
// emits it once in its own compile.
TEST(PreparedLayer2Test, PatchedProgramIsTheDirectCompileForThatPid) {
  for (Profile profile : kProfiles) {
    PreparedLayer2 prepared = PrepareLayer2(profile);
    ASSERT_EQ(prepared.error, 0);
    for (pid_t pid : {1, 2, 3, 300, 32767, 4 * 1024 * 1024, static_cast<int>(getpid())}) {
      std::vector<sock_filter> patched, direct;
      ASSERT_EQ(PatchPreparedProgram(prepared, pid, &patched), 0) << pid;
      ASSERT_EQ(CompileSeccompPolicy(profile, pid, &direct), 0) << pid;
      EXPECT_TRUE(SameProgram(patched, direct)) << ProfileName(profile) << " pid " << pid;
      EXPECT_EQ(CountPlaceholders(patched), 0u) << pid;
    }
    // The prepared program itself is left as it was (each child patches a copy).
    EXPECT_EQ(CountPlaceholders(prepared.program), prepared.placeholder_positions.size());
  }
}

TEST(PreparedLayer2Test, FailedOrMissingPreparationIsRefused) {
  std::vector<sock_filter> program;
  PreparedLayer2 never_prepared;
  EXPECT_EQ(PatchPreparedProgram(never_prepared, getpid(), &program), EINVAL);
  PreparedLayer2 prepared = PrepareLayer2(Profile::kRenderer);
  ASSERT_EQ(prepared.error, 0);
  EXPECT_EQ(PatchPreparedProgram(prepared, 0, &program), EINVAL);
  EXPECT_EQ(PatchPreparedProgram(prepared, -1, &program), EINVAL);
  EXPECT_EQ(PatchPreparedProgram(prepared, static_cast<pid_t>(kPidPlaceholder), &program), EINVAL);
  // A tampered prepared program (placeholder gone) is not patched blindly.
  PreparedLayer2 tampered = prepared;
  tampered.program[tampered.placeholder_positions[0]].k = 0;
  EXPECT_EQ(PatchPreparedProgram(tampered, getpid(), &program), EINVAL);
  // Loading one fails and loads nothing.
  EXPECT_EXIT(
      {
        if (LoadPreparedSeccompPolicy(never_prepared) != EINVAL) _exit(1);
        _exit(prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 ? 0 : 2);
      },
      ::testing::ExitedWithCode(0), "");
}

// The renderer zygote prepares under layer 1's limits: no file may be
// written (RLIMIT_FSIZE 0, a write raises SIGXFSZ), so the export must not
// go through one.
TEST(PreparedLayer2Test, PreparesUnderLayer1sFileSizeLimitOfZero) {
  EXPECT_EXIT(
      {
        rlimit none = {};  // 0 and 0
        if (setrlimit(RLIMIT_FSIZE, &none) != 0) _exit(2);
        _exit(PrepareLayer2(Profile::kRenderer).error == 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// What the kernel holds after LoadPreparedSeccompPolicy in a forked child,
// read back with PTRACE_SECCOMP_GET_FILTER (root, CONFIG_CHECKPOINT_RESTORE):
// libseccomp's program for the child's pid, no placeholder left.
TEST(PreparedLayer2Test, LoadedFilterIsTheDirectCompileForTheChildsPid) {
  PreparedLayer2 prepared = PrepareLayer2(Profile::kRenderer);
  ASSERT_EQ(prepared.error, 0);
  int loaded[2], release[2];
  ASSERT_EQ(pipe(loaded), 0);
  ASSERT_EQ(pipe(release), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(loaded[0]);
    close(release[1]);
    char ok = LoadPreparedSeccompPolicy(prepared) == 0 ? 'y' : 'n';
    (void)!write(loaded[1], &ok, 1);
    char byte;
    (void)!read(release[0], &byte, 1);  // allowed: wait to be inspected
    _exit(0);
  }
  close(loaded[1]);
  close(release[0]);
  char ok = 0;
  ASSERT_EQ(read(loaded[0], &ok, 1), 1);
  ASSERT_EQ(ok, 'y');
  std::vector<sock_filter> in_kernel;
  long count = -1;
  int ptrace_error = 0;
  if (ptrace(PTRACE_SEIZE, child, nullptr, nullptr) == 0 && ptrace(PTRACE_INTERRUPT, child, nullptr, nullptr) == 0) {
    int status = 0;
    waitpid(child, &status, __WALL);
    count = ptrace(PTRACE_SECCOMP_GET_FILTER, child, 0, nullptr);
    if (count > 0) {
      in_kernel.resize(static_cast<size_t>(count));
      count = ptrace(PTRACE_SECCOMP_GET_FILTER, child, 0, in_kernel.data());
    }
    ptrace_error = errno;
    ptrace(PTRACE_DETACH, child, nullptr, nullptr);
  } else {
    ptrace_error = errno;
  }
  close(release[1]);
  int status = 0;
  waitpid(child, &status, 0);
  close(loaded[0]);
  if (count < 0) GTEST_SKIP() << "PTRACE_SECCOMP_GET_FILTER unavailable: " << strerror(ptrace_error);
  std::vector<sock_filter> direct;
  ASSERT_EQ(CompileSeccompPolicy(Profile::kRenderer, child, &direct), 0);
  EXPECT_TRUE(SameProgram(in_kernel, direct));
  EXPECT_EQ(CountPlaceholders(in_kernel), 0u);
  size_t own_pid = 0;
  for (const sock_filter& instruction : in_kernel)
    own_pid += instruction.code == (BPF_JMP | BPF_JEQ | BPF_K) && instruction.k == static_cast<uint32_t>(child);
  EXPECT_GE(own_pid, prepared.placeholder_positions.size());
}

}  // namespace
}  // namespace sandtab::sandbox
