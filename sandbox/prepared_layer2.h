// Layer 2 with its seccomp filter compiled ahead of a fork. A zygote
// compiles the profile's filter once (compiling is most of a forked
// renderer's start-up: docs/performance-history.md, "Seccomp compile");
// each child only writes its own pid into a
// copy of the BPF program and loads it.
//
// The policy compares some arguments with the caller's pid (kill, tgkill,
// sched_get*: PolicyRules(profile, self)), which the zygote does not know
// before the fork. PrepareLayer2 compiles with kPidPlaceholder as |self| and
// records the instructions that carry it; they must all be
// BPF_JMP|BPF_JEQ|BPF_K on the low 32-bit word of an argument (libseccomp
// compares a 64-bit argument as two words; the high word of a pid is 0
// for the placeholder and for any real pid alike).
#ifndef SANDTAB_SANDBOX_PREPARED_LAYER2_H_
#define SANDTAB_SANDBOX_PREPARED_LAYER2_H_

#include <linux/filter.h>
#include <sys/types.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sandbox/profile.h"

namespace sandtab::sandbox {

// Not a pid (PID_MAX_LIMIT is 2^22) and no constant of the policy.
// PrepareLayer2 checks that, by compiling a second time with
// kPidPlaceholder - 1 and requiring the two programs to differ exactly at
// the recorded instructions.
inline constexpr uint32_t kPidPlaceholder = 0x7ffffffe;

struct PreparedLayer2 {
  Profile profile = Profile::kRenderer;
  // 0, or why preparing failed: EngageLayer2 then fails closed at
  // layer2-seccomp (in every child), like a failing compile would.
  // A default-constructed one was never prepared.
  int error = EINVAL;
  std::vector<sock_filter> program;           // with kPidPlaceholder
  std::vector<size_t> placeholder_positions;  // indices into |program|
};

// Compiles |profile|'s filter once (libseccomp), with the placeholder pid,
// and fills the SIGSYS reporter's name table (PrepareSigsysReporter) for
// the children forked afterwards. Never fails: a failure is recorded in
// |error|. Call it while single-threaded.
PreparedLayer2 PrepareLayer2(Profile profile);

// The program for a process whose pid is |self|: a copy of the prepared one
// with every placeholder replaced. Returns 0 or an errno (|error|, or EINVAL
// for a pid that is not one).
int PatchPreparedProgram(const PreparedLayer2& prepared, pid_t self, std::vector<sock_filter>* program);

// Patches with getpid() and loads the result on every thread:
// seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC). The
// prepared-filter equivalent of LoadSeccompPolicy(). Returns 0 or an errno.
int LoadPreparedSeccompPolicy(const PreparedLayer2& prepared);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_PREPARED_LAYER2_H_
