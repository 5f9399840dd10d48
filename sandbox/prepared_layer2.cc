#include "sandbox/prepared_layer2.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/seccomp_policy.h"
#include "sandbox/sigsys_reporter.h"

namespace sandtab::sandbox {
namespace {

constexpr uint16_t kJeqK = BPF_JMP | BPF_JEQ | BPF_K;

// The largest pid the kernel can hand out (PID_MAX_LIMIT on 64-bit).
constexpr pid_t kPidMaxLimit = 4 * 1024 * 1024;

bool SameInstruction(const sock_filter& a, const sock_filter& b) {
  return a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k;
}

}  // namespace

PreparedLayer2 PrepareLayer2(Profile profile) {
  // Inherited by every child forked after this (static memory).
  PrepareSigsysReporter();
  PreparedLayer2 prepared;
  prepared.profile = profile;
  std::vector<sock_filter> other;
  int rc = CompileSeccompPolicy(profile, static_cast<pid_t>(kPidPlaceholder), &prepared.program);
  if (rc == 0) rc = CompileSeccompPolicy(profile, static_cast<pid_t>(kPidPlaceholder - 1), &other);
  // Same shape for both placeholders, and they differ exactly where the
  // pid is compared: the placeholder is no other constant of the filter,
  // and no pid-dependent instruction goes unpatched.
  if (rc == 0 && other.size() != prepared.program.size()) rc = EINVAL;
  for (size_t i = 0; rc == 0 && i < prepared.program.size(); ++i) {
    const sock_filter& mine = prepared.program[i];
    if (SameInstruction(mine, other[i])) continue;
    if (mine.code != kJeqK || mine.k != kPidPlaceholder || other[i].code != kJeqK ||
        other[i].k != kPidPlaceholder - 1 || mine.jt != other[i].jt || mine.jf != other[i].jf) {
      rc = EINVAL;
      break;
    }
    prepared.placeholder_positions.push_back(i);
  }
  // ... and nothing else holds the value (say, a return or a mask).
  for (size_t i = 0, next = 0; rc == 0 && i < prepared.program.size(); ++i) {
    bool recorded = next < prepared.placeholder_positions.size() && prepared.placeholder_positions[next] == i;
    if (recorded)
      ++next;
    else if (prepared.program[i].k == kPidPlaceholder)
      rc = EINVAL;
  }
  if (rc != 0) {
    prepared.program.clear();
    prepared.placeholder_positions.clear();
  }
  prepared.error = rc;
  return prepared;
}

int PatchPreparedProgram(const PreparedLayer2& prepared, pid_t self, std::vector<sock_filter>* program) {
  if (prepared.error != 0) return prepared.error;
  if (self <= 0 || self > kPidMaxLimit) return EINVAL;
  *program = prepared.program;
  for (size_t position : prepared.placeholder_positions) {
    sock_filter& instruction = (*program)[position];
    if (instruction.code != kJeqK || instruction.k != kPidPlaceholder) return EINVAL;
    instruction.k = static_cast<uint32_t>(self);
  }
  return 0;
}

int LoadPreparedSeccompPolicy(const PreparedLayer2& prepared) {
  std::vector<sock_filter> program;
  int rc = PatchPreparedProgram(prepared, getpid(), &program);
  if (rc != 0) return rc;
  sock_fprog fprog = {static_cast<unsigned short>(program.size()), program.data()};
  // Layer 1 set no-new-privs already; set it again as libseccomp does
  // (without it, and without CAP_SYS_ADMIN, seccomp() fails with EACCES).
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
  long loaded = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog);
  if (loaded < 0) return errno;
  // > 0: the id of a thread that could not be synchronised; nothing loaded.
  return loaded == 0 ? 0 : ESRCH;
}

}  // namespace sandtab::sandbox
