// Compiles the policy table with libseccomp (no hand-written BPF).
#include <errno.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sandbox/seccomp_policy.h"

namespace sandtab::sandbox {
namespace {

uint32_t ToAction(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllow:
      return SCMP_ACT_ALLOW;
    case Verdict::kDeny:
      return SCMP_ACT_ERRNO(EPERM);
    case Verdict::kNoSys:
      return SCMP_ACT_ERRNO(ENOSYS);
    case Verdict::kKill:
      // Trap, not kill: the SIGSYS reporter names the syscall on fd 2 and
      // then dies of SIGSYS (sigsys_reporter.cc).
      return SCMP_ACT_TRAP;
    case Verdict::kOwnTidElseDeny:
    case Verdict::kEmptyPathElseDeny:
      // The same handler serves these (IsServedSyscall) instead of dying.
      return SCMP_ACT_TRAP;
  }
  return SCMP_ACT_TRAP;
}

int AddRule(scmp_filter_ctx context, int nr, const Rule& rule) {
  // libseccomp refuses a rule whose action is the default's (the trap):
  // such verdicts are left to the default.
  const bool otherwise_is_default = ToAction(rule.verdict) == SCMP_ACT_TRAP;
  if (rule.cases.empty()) {
    if (otherwise_is_default) return 0;
    return seccomp_rule_add(context, ToAction(rule.verdict), nr, 0);
  }
  auto arg = static_cast<unsigned int>(rule.arg);
  // Cases are allow-lists compared on all 64 bits: a killed value is
  // written as "every other value allowed" (seccomp_policy.cc
  // ValuesExcept), never as "not equal", which would let a value that
  // differs only in bits the kernel ignores through.
  for (const ArgCase& arg_case : rule.cases) {
    if (ToAction(arg_case.verdict) == SCMP_ACT_TRAP) return -EINVAL;  // shape not supported
    // A full mask stays a plain equality: PrepareLayer2 patches the pid
    // into exactly that instruction (jeq k).
    const scmp_arg_cmp compare = arg_case.mask == ~uint64_t{0}
                                     ? SCMP_CMP(arg, SCMP_CMP_EQ, arg_case.value)
                                     : SCMP_CMP(arg, SCMP_CMP_MASKED_EQ, arg_case.mask, arg_case.value);
    int rc = seccomp_rule_add(context, ToAction(arg_case.verdict), nr, 1, compare);
    if (rc != 0) return rc;
  }
  // "Otherwise": libseccomp tests the equalities above before this
  // catch-all (checked by tests/sandbox/seccomp_policy_test.cc).
  if (otherwise_is_default) return 0;
  return seccomp_rule_add(context, ToAction(rule.verdict), nr, 1, SCMP_CMP(arg, SCMP_CMP_GE, 0));
}

// The filter of |profile| for a process whose pid is |self|, not loaded.
// Returns 0 or a negative errno; *out is released by the caller.
int BuildContext(Profile profile, pid_t self, scmp_filter_ctx* out) {
  scmp_filter_ctx context = seccomp_init(SCMP_ACT_TRAP);
  if (context == nullptr) return -ENOMEM;
  int rc = 0;
  // Threads Pango started before layer 2 get the same filter.
  if (rc == 0) rc = seccomp_attr_set(context, SCMP_FLTATR_CTL_TSYNC, 1);
  // Foreign architectures (x32, i386 via int 0x80) die at once.
  if (rc == 0) rc = seccomp_attr_set(context, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  for (const Rule& rule : PolicyRules(profile, self)) {
    if (rc != 0) break;
    int nr = seccomp_syscall_resolve_name(rule.syscall.c_str());
    if (nr < 0) continue;  // not a syscall on this architecture
    rc = AddRule(context, nr, rule);
  }
  if (rc != 0) {
    seccomp_release(context);
    return rc;
  }
  *out = context;
  return 0;
}

}  // namespace

int LoadSeccompPolicy(Profile profile) {
  scmp_filter_ctx context = nullptr;
  int rc = BuildContext(profile, getpid(), &context);
  if (rc != 0) return -rc;
  rc = seccomp_load(context);
  seccomp_release(context);
  return rc < 0 ? -rc : rc;
}

int CompileSeccompPolicy(Profile profile, pid_t self, std::vector<sock_filter>* program) {
  scmp_filter_ctx context = nullptr;
  int rc = BuildContext(profile, self, &context);
  if (rc != 0) return -rc;
  // libseccomp 2.5 exports to an fd only (seccomp_export_bpf_mem is 2.6).
  // A pipe, not a memfd: layer 1's RLIMIT_FSIZE of 0 (the zygote runs
  // under it) makes any write to a file raise SIGXFSZ. Non-blocking and
  // larger than the largest loadable program (BPF_MAXINSNS), so the
  // export never blocks, and a program that filled it is refused.
  constexpr int kPipeBytes = 2 * BPF_MAXINSNS * sizeof(sock_filter);
  int fds[2] = {-1, -1};
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) rc = errno;
  if (rc == 0 && fcntl(fds[1], F_SETPIPE_SZ, kPipeBytes) < kPipeBytes)
    rc = fcntl(fds[1], F_GETPIPE_SZ) >= kPipeBytes ? 0 : EMSGSIZE;
  if (rc == 0) rc = -seccomp_export_bpf(context, fds[1]);
  seccomp_release(context);
  if (fds[1] >= 0) close(fds[1]);
  std::vector<char> bytes(kPipeBytes);
  size_t used = 0;
  while (rc == 0 && used < bytes.size()) {
    ssize_t n = read(fds[0], bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) break;  // end of the program (the write end is closed)
    if (n < 0)
      rc = errno;
    else
      used += static_cast<size_t>(n);
  }
  if (fds[0] >= 0) close(fds[0]);
  if (rc == 0 && (used == 0 || used % sizeof(sock_filter) != 0 || used / sizeof(sock_filter) > BPF_MAXINSNS))
    rc = EMSGSIZE;
  if (rc == 0) {
    program->resize(used / sizeof(sock_filter));
    memcpy(program->data(), bytes.data(), used);
  }
  return rc;
}

}  // namespace sandtab::sandbox
