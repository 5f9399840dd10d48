// Unit tests of the pieces that need no process: step codes, names,
// flags, the policy table's shape.
#include <seccomp.h>
#include <signal.h>
#include <sys/syscall.h>

#include <set>

#include <gtest/gtest.h>

#include "sandbox/exec_flags.h"
#include "sandbox/resource_limits.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/setup_step.h"
#include "sandbox/sigsys_reporter.h"
#include "sandbox/syscall_names.h"

namespace sandtab::sandbox {
namespace {

TEST(SetupStepTest, EveryStepRoundTripsThroughItsExitCode) {
  std::set<std::string> names;
  for (int i = 0; i < static_cast<int>(SetupStep::kCount); ++i) {
    auto step = static_cast<SetupStep>(i);
    auto name = SetupFailureStep(SetupExitCode(step));
    ASSERT_TRUE(name.has_value()) << i;
    EXPECT_EQ(*name, SetupStepName(step));
    EXPECT_TRUE(names.insert(*name).second) << "duplicate step name " << *name;
  }
  EXPECT_EQ(SetupFailureStep(SetupExitCode(SetupStep::kFilesystemView)), "filesystem-view");
}

TEST(SetupStepTest, OrdinaryExitCodesAreNotSetupFailures) {
  for (int code : {0, 1, 2, 127, 128 + 9, 128 + 31, kSetupExitCodeBase - 1, SetupExitCode(SetupStep::kCount)})
    EXPECT_FALSE(SetupFailureStep(code).has_value()) << code;
}

TEST(SyscallNameTest, NamesKnownSyscalls) {
  EXPECT_EQ(SyscallName(SYS_ptrace), "ptrace");
  EXPECT_EQ(SyscallName(SYS_openat), "openat");
  EXPECT_EQ(SyscallName(SYS_rt_sigaction), "rt_sigaction");
  EXPECT_EQ(SyscallName(-5), "unknown");
  EXPECT_EQ(SyscallName(100000), "unknown");
}

TEST(SeccompPolicyTest, EverySyscallAppearsOnceAndResolves) {
  for (Profile profile : {Profile::kRenderer, Profile::kPlugin}) {
    std::set<std::string> seen;
    for (const Rule& rule : PolicyRules(profile, 1)) {
      EXPECT_TRUE(seen.insert(rule.syscall).second) << "twice: " << rule.syscall;
      EXPECT_FALSE(rule.reason.empty()) << rule.syscall;
      EXPECT_EQ(rule.cases.empty(), rule.arg < 0) << rule.syscall;
    }
    // Every killed syscall named in the table is one this libseccomp knows
    // (a typo would silently fall back to the default, still a kill, but
    // the table would lie).
    for (const std::string& name : ExplicitlyKilledSyscalls()) EXPECT_TRUE(seen.count(name)) << name;
  }
}

// One seccomp table for both profiles (what a renderer may call, a plugin
// may too); they differ in resource limits only.
TEST(SeccompPolicyTest, ProfilesShareTheTableAndDifferInLimits) {
  auto table_of = [](Profile profile) {
    std::vector<std::pair<std::string, Verdict>> table;
    for (const Rule& rule : PolicyRules(profile, 1)) table.emplace_back(rule.syscall, rule.verdict);
    return table;
  };
  EXPECT_EQ(table_of(Profile::kRenderer), table_of(Profile::kPlugin));
  auto verdict_of = [](const std::string& name) {
    for (const Rule& rule : PolicyRules(Profile::kPlugin, 1))
      if (rule.syscall == name) return rule.verdict;
    return Verdict::kKill;
  };
  // Allowed for pid 0 and itself; a thread's own tid through the SIGSYS
  // handler; EPERM otherwise.
  EXPECT_EQ(verdict_of("sched_getaffinity"), Verdict::kOwnTidElseDeny);
  EXPECT_EQ(verdict_of("openat"), Verdict::kDeny);
  EXPECT_EQ(verdict_of("ptrace"), Verdict::kKill);
  EXPECT_EQ(verdict_of("clone3"), Verdict::kNoSys);
  EXPECT_GT(LimitsFor(Profile::kPlugin).open_files, LimitsFor(Profile::kRenderer).open_files);
}

// The SIGSYS handler serves every trap of an IsOwnTidSyscall() call (read
// from the policy) instead of killing: so no profile may kill such a call,
// and kOwnTidElseDeny is for "otherwise" only.
TEST(SeccompPolicyTest, CallsTheHandlerServesAreNeverKilled) {
  for (Profile profile : {Profile::kRenderer, Profile::kPlugin}) {
    std::set<std::string> listed;
    for (const Rule& rule : PolicyRules(profile, 1)) {
      listed.insert(rule.syscall);
      const bool own_tid_call = IsOwnTidSyscall(seccomp_syscall_resolve_name(rule.syscall.c_str()));
      if (own_tid_call) {
        EXPECT_NE(rule.verdict, Verdict::kKill) << rule.syscall;
      }
      for (const ArgCase& arg_case : rule.cases) {
        EXPECT_NE(arg_case.verdict, Verdict::kOwnTidElseDeny) << rule.syscall;
        if (own_tid_call) {
          EXPECT_NE(arg_case.verdict, Verdict::kKill) << rule.syscall;
        }
      }
    }
    for (const char* name : {"sched_getaffinity", "sched_getparam", "sched_getscheduler"}) {
      EXPECT_TRUE(IsOwnTidSyscall(seccomp_syscall_resolve_name(name))) << name;
      EXPECT_TRUE(listed.count(name)) << name << " would be killed by the default, yet served by the handler";
    }
  }
  EXPECT_FALSE(IsOwnTidSyscall(SYS_ptrace));
  EXPECT_FALSE(IsOwnTidSyscall(SYS_kill));
  EXPECT_TRUE(IsEmptyPathSyscall(SYS_newfstatat));
  EXPECT_FALSE(IsEmptyPathSyscall(SYS_fstat));
  EXPECT_FALSE(IsEmptyPathSyscall(SYS_sched_getaffinity));
}

// rt_sigaction's cases name every signal number but SIGSYS, each compared
// on all 64 bits: exactly the values a rule must allow, nothing with upper
// bits set.
TEST(SeccompPolicyTest, RtSigactionAllowsEverySignalButSigsysOnAll64Bits) {
  const Rule* rule = nullptr;
  std::vector<Rule> rules = PolicyRules(Profile::kRenderer, 1);
  for (const Rule& candidate : rules)
    if (candidate.syscall == "rt_sigaction") rule = &candidate;
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->verdict, Verdict::kKill);
  auto allowed = [&](uint64_t value) {
    for (const ArgCase& arg_case : rule->cases)
      if ((value & arg_case.mask) == arg_case.value) return arg_case.verdict == Verdict::kAllow;
    return false;
  };
  for (uint64_t signal = 1; signal <= 64; ++signal) {
    EXPECT_EQ(allowed(signal), signal != SIGSYS) << signal;
    EXPECT_FALSE(allowed((1ULL << 32) | signal)) << signal;
    EXPECT_FALSE(allowed((1ULL << 63) | signal)) << signal;
  }
  EXPECT_FALSE(allowed(65));
  EXPECT_FALSE(allowed(0xffffffffULL));
}

TEST(ExecFlagsTest, ParsesProfileSandboxAndProgram) {
  ExecConfig config;
  EXPECT_EQ(ParseExecFlags({"--profile=plugin", "--", "/bin/true", "-x"}, &config), "");
  EXPECT_EQ(config.profile, Profile::kPlugin);
  EXPECT_TRUE(config.sandboxed);
  EXPECT_EQ(config.argv, (std::vector<std::string>{"/bin/true", "-x"}));
  ExecConfig unsandboxed;
  EXPECT_EQ(ParseExecFlags({"--no-sandbox", "true"}, &unsandboxed), "");
  EXPECT_FALSE(unsandboxed.sandboxed);
  EXPECT_EQ(unsandboxed.argv, std::vector<std::string>{"true"});
}

TEST(ExecFlagsTest, RejectsBadInput) {
  ExecConfig config;
  EXPECT_NE(ParseExecFlags({"--profile=browser", "--", "/bin/true"}, &config), "");
  EXPECT_NE(ParseExecFlags({"--frobnicate", "--", "/bin/true"}, &config), "");
  EXPECT_NE(ParseExecFlags({"--profile=renderer", "--"}, &config), "");
  EXPECT_NE(ParseExecFlags({}, &config), "");
}

TEST(ExecFlagsTest, ResolvesProgramsInPath) {
  EXPECT_EQ(ResolveProgram("/nonexistent/program"), "");
  EXPECT_EQ(ResolveProgram("sandtab-no-such-program"), "");
  std::string sh = ResolveProgram("sh");
  ASSERT_FALSE(sh.empty());
  EXPECT_EQ(sh[0], '/');
}

}  // namespace
}  // namespace sandtab::sandbox
