// Layer 2's seccomp-bpf policy: one readable table (seccomp_policy.cc) of
// named syscall sets and a few argument-checked special cases, compiled by
// libseccomp. Anything not listed kills the process with SIGSYS.
#ifndef SANDTAB_SANDBOX_SECCOMP_POLICY_H_
#define SANDTAB_SANDBOX_SECCOMP_POLICY_H_

#include <linux/filter.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sandbox/profile.h"

namespace sandtab::sandbox {

enum class Verdict {
  kAllow,
  kDeny,   // fails with EPERM: ordinary forbidden calls, the program goes on
  kNoSys,  // fails with ENOSYS: makes the C library fall back (clone3 -> clone)
  kKill,   // SIGSYS, reported by name (sigsys_reporter.h): dangerous calls
  // Trapped, then served by the SIGSYS handler (sigsys_reporter.h): a call
  // that names the calling thread by its tid runs as the same call with pid
  // 0 (which means that thread); any other pid fails with EPERM. Only for
  // the "otherwise" of a pid-checked rule, on IsOwnTidSyscall() calls.
  // A filter compares with one pid, the process's, but glibc names a
  // thread by its tid: pthread_getattr_np() on any thread but the main one
  // asks sched_getaffinity(tid) (Chrome's RewriteSchedSIGSYS, for the same
  // reason).
  kOwnTidElseDeny,
  // Trapped, then served by the SIGSYS handler: newfstatat(fd, "", buf,
  // AT_EMPTY_PATH), glibc's fstat(fd), runs as fstat(fd, buf); any other
  // path or flags fail with EPERM. A filter cannot read the path (a
  // pointer), only the handler can (Chrome's RewriteFstatatSIGSYS).
  kEmptyPathElseDeny,
};

// A value of one argument that gets its own verdict: the argument matches
// when (argument & mask) == value, all 64 bits compared. A mask with low
// bits clear names an aligned block of values (SignalNumbersExcept).
struct ArgCase {
  uint64_t value;
  Verdict verdict;
  uint64_t mask = ~uint64_t{0};
};

struct Rule {
  std::string syscall;
  // Without cases: the verdict. With cases: the verdict for every value of
  // argument |arg| not listed in |cases| ("otherwise").
  Verdict verdict = Verdict::kKill;
  int arg = -1;
  std::vector<ArgCase> cases;
  std::string reason;
};

// The exact clone() flags glibc's pthread_create uses: threads yes,
// processes no.
inline constexpr uint64_t kThreadCloneFlags = 0x3d0f00;

// The rules of |profile| for a process whose pid (in its own namespace) is
// |self|: the named sets, then the argument-checked special cases, then the
// explicitly killed calls. A syscall appears once. The renderer and the
// plugin share the table; their profiles differ in resource limits.
std::vector<Rule> PolicyRules(Profile profile, pid_t self);

// Compiles PolicyRules() with libseccomp and loads it on every thread of
// the process (TSYNC). Default verdict: kKill. Returns 0 or an errno.
int LoadSeccompPolicy(Profile profile);

// The same filter compiled for a process whose pid is |self|, as the BPF
// program libseccomp would load (seccomp_export_bpf), not loaded. Returns 0
// or an errno. Used by PrepareLayer2 (prepared_layer2.h) and its tests.
int CompileSeccompPolicy(Profile profile, pid_t self, std::vector<sock_filter>* program);

// The default-kill verdict of every syscall not in PolicyRules, made
// explicit for the syscalls that are dangerous enough to be named (docs
// and tests iterate over these).
const std::vector<std::string>& ExplicitlyKilledSyscalls();

// "allow", "EPERM", "ENOSYS", "kill (SIGSYS)".
const char* VerdictName(Verdict verdict);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SECCOMP_POLICY_H_
