// Each killing syscall, made by a hostile program under sandtab-exec,
// ends it by SIGSYS with the violation line naming the syscall; sandtab-exec
// reports it like a shell (exit 128+31).
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "tests/sandbox/run_helper.h"

namespace sandtab::sandbox {
namespace {

// Each killing call, cold and forked from a zygote.
class ExecDeathTest : public ::testing::TestWithParam<std::tuple<std::string, testing::LaunchMode>> {};

TEST_P(ExecDeathTest, KilledBySigsysAndNamed) {
  testing::TempDir dir;
  const std::string& syscall = std::get<0>(GetParam());
  std::vector<std::string> args = testing::ModeFlags(std::get<1>(GetParam()));
  for (const std::string& arg : {std::string("--"), testing::HostilePath(), std::string("kill"), syscall, dir.path()})
    args.push_back(arg);
  testing::RunResult result = testing::RunExec(args);
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  EXPECT_EQ(WEXITSTATUS(result.status), 128 + SIGSYS) << result.Describe();
  std::string expected_line = "sandtab-sandbox: sandbox violation: syscall=";
  size_t at = result.err.find(expected_line);
  ASSERT_NE(at, std::string::npos) << result.Describe();
  size_t end = result.err.find('\n', at);
  std::string line = result.err.substr(at, end - at);
  EXPECT_EQ(line.substr(line.rfind(" name=") + 6), syscall) << line;
  EXPECT_NE(result.err.find("killed by signal 31"), std::string::npos) << result.Describe();
  EXPECT_EQ(result.out.find("survived"), std::string::npos) << result.Describe();
}

INSTANTIATE_TEST_SUITE_P(
    KillingCalls, ExecDeathTest,
    ::testing::Combine(::testing::Values("ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2",
                                         "unshare", "setns", "bpf", "keyctl", "add_key", "perf_event_open",
                                         "io_uring_setup", "userfaultfd", "pivot_root", "chroot", "init_module",
                                         "rt_sigaction", "getitimer"),
                       ::testing::ValuesIn(testing::kLaunchModes)),
    [](const auto& info) { return std::get<0>(info.param) + "_" + testing::ModeName(std::get<1>(info.param)); });

}  // namespace
}  // namespace sandtab::sandbox
