// Compiles the policy table with libseccomp (no hand-written BPF).
#include <errno.h>
#include <seccomp.h>
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
  }
  return SCMP_ACT_TRAP;
}

int AddRule(scmp_filter_ctx context, int nr, const Rule& rule) {
  if (rule.cases.empty()) {
    if (rule.verdict == Verdict::kKill)
      return 0;  // the default already
    return seccomp_rule_add(context, ToAction(rule.verdict), nr, 0);
  }
  auto arg = static_cast<unsigned int>(rule.arg);
  // A killed value is left to the default (libseccomp refuses a rule whose
  // action equals the default's); then "otherwise" is "not that value".
  // Only that shape is needed (rt_sigaction).
  if (rule.cases.size() == 1 && rule.cases[0].verdict == Verdict::kKill) {
    if (rule.verdict == Verdict::kKill)
      return 0;
    return seccomp_rule_add(context, ToAction(rule.verdict), nr, 1,
                            SCMP_CMP(arg, SCMP_CMP_NE, rule.cases[0].value));
  }
  for (const ArgCase& arg_case : rule.cases) {
    if (arg_case.verdict == Verdict::kKill)
      return -EINVAL;  // shape not supported
    int rc = seccomp_rule_add(context, ToAction(arg_case.verdict), nr, 1,
                              SCMP_CMP(arg, SCMP_CMP_EQ, arg_case.value));
    if (rc != 0)
      return rc;
  }
  // "Otherwise": libseccomp tests the equalities above before this
  // catch-all (checked by tests/sandbox/seccomp_policy_test.cc).
  if (rule.verdict == Verdict::kKill)
    return 0;
  return seccomp_rule_add(context, ToAction(rule.verdict), nr, 1, SCMP_CMP(arg, SCMP_CMP_GE, 0));
}

}  // namespace

int LoadSeccompPolicy(Profile profile) {
  scmp_filter_ctx context = seccomp_init(SCMP_ACT_TRAP);
  if (context == nullptr)
    return ENOMEM;
  int rc = 0;
  // Threads Pango started before layer 2 get the same filter.
  if (rc == 0)
    rc = seccomp_attr_set(context, SCMP_FLTATR_CTL_TSYNC, 1);
  // Foreign architectures (x32, i386 via int 0x80) die at once.
  if (rc == 0)
    rc = seccomp_attr_set(context, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  for (const Rule& rule : PolicyRules(profile, getpid())) {
    if (rc != 0)
      break;
    int nr = seccomp_syscall_resolve_name(rule.syscall.c_str());
    if (nr < 0)
      continue;  // not a syscall on this architecture
    rc = AddRule(context, nr, rule);
  }
  if (rc == 0)
    rc = seccomp_load(context);
  seccomp_release(context);
  return rc < 0 ? -rc : rc;
}

}  // namespace sandtab::sandbox
