// Unit tests of the pieces that need no process: step codes, names,
// flags, the policy table's shape.
#include <sys/syscall.h>

#include <set>

#include <gtest/gtest.h>

#include "sandbox/exec_flags.h"
#include "sandbox/resource_limits.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/setup_step.h"
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
  for (int code :
       {0, 1, 2, 127, 128 + 9, 128 + 31, kSetupExitCodeBase - 1, SetupExitCode(SetupStep::kCount)})
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
    for (const std::string& name : ExplicitlyKilledSyscalls())
      EXPECT_TRUE(seen.count(name)) << name;
  }
}

TEST(SeccompPolicyTest, ProfilesDifferOnlyByTheirDelta) {
  auto verdict_of = [](Profile profile, const std::string& name) {
    for (const Rule& rule : PolicyRules(profile, 1))
      if (rule.syscall == name)
        return rule.verdict;
    return Verdict::kKill;
  };
  // Renderer: allowed for pid 0 and itself only (EPERM otherwise).
  EXPECT_EQ(verdict_of(Profile::kRenderer, "sched_getaffinity"), Verdict::kDeny);
  for (const Rule& rule : PolicyRules(Profile::kRenderer, 1))
    if (rule.syscall == "sched_getaffinity") {
      EXPECT_EQ(rule.cases.size(), 2u);
    }
  EXPECT_EQ(verdict_of(Profile::kPlugin, "sched_getaffinity"), Verdict::kDeny);
  EXPECT_EQ(verdict_of(Profile::kPlugin, "openat"), Verdict::kDeny);
  EXPECT_EQ(verdict_of(Profile::kRenderer, "ptrace"), Verdict::kKill);
  EXPECT_EQ(verdict_of(Profile::kRenderer, "clone3"), Verdict::kNoSys);
  EXPECT_GT(LimitsFor(Profile::kPlugin).open_files, LimitsFor(Profile::kRenderer).open_files);
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
