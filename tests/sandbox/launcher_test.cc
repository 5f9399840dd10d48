// Launch() and InspectProcess(): real namespaces, measured from /proc.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "sandbox/inspect.h"
#include "sandbox/launcher.h"
#include "sandbox/resource_limits.h"
#include "sandbox/setup_step.h"
#include "tests/sandbox/run_helper.h"

namespace sandtab::sandbox {
namespace {

using testing::HostilePath;
using testing::LinesWith;
using testing::RunLaunched;

// A sandboxed hostile program holding one thread for |hold_ms|.
pid_t LaunchHolder(bool layer2, int hold_ms, int channel_fd = -1) {
  LaunchOptions options;
  options.argv = {HostilePath(), "threads", "1", std::to_string(hold_ms)};
  options.layer2_before_main = layer2;
  options.channel_fd = channel_fd;
  Result<pid_t> launched = Launch(options);
  EXPECT_TRUE(launched) << launched.error();
  return launched ? *launched : -1;
}

void KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

ino_t NamespaceInode(pid_t pid, const char* ns) {
  struct stat info = {};
  stat(("/proc/" + std::to_string(pid) + "/ns/" + ns).c_str(), &info);
  return info.st_ino;
}

TEST(InspectProcessTest, SelfIsNotSandboxed) {
  ProcessSandboxStatus self = InspectProcess(getpid());
  EXPECT_TRUE(self.error.empty()) << self.error;
  EXPECT_FALSE(self.user_ns || self.pid_ns || self.net_ns || self.mnt_ns);
  EXPECT_FALSE(self.FullySandboxed());
  EXPECT_NE(self.ToString().find("NOT fully sandboxed"), std::string::npos);
  EXPECT_FALSE(InspectProcess(999999999).error.empty());
}

TEST(LauncherTest, LayerOneChildIsInItsOwnNamespacesWithLimits) {
  int pair[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
  pid_t pid = LaunchHolder(/*layer2=*/false, 3000, pair[1]);
  close(pair[1]);
  usleep(300 * 1000);  // past exec; the limits hold from the start anyway
  ProcessSandboxStatus status = InspectProcess(pid);
  EXPECT_TRUE(status.user_ns && status.pid_ns && status.net_ns && status.ipc_ns && status.uts_ns && status.mnt_ns)
      << status.ToString();
  EXPECT_TRUE(status.no_new_privs);
  EXPECT_EQ(status.seccomp_mode, 0);  // layer 2 not engaged yet
  EXPECT_EQ(status.cap_effective, 1ULL << 18) << "only CAP_SYS_CHROOT until layer 2";
  EXPECT_EQ(status.uid, 65534);
  EXPECT_EQ(status.open_fds, 4);
  EXPECT_EQ(status.open_files, kRendererOpenFiles);
  EXPECT_EQ(status.processes, kProcessLimit);
  EXPECT_EQ(status.file_size, 0u);
  EXPECT_EQ(status.core_size, 0u);
  EXPECT_FALSE(status.FullySandboxed());
  KillAndReap(pid);
  close(pair[0]);
}

TEST(LauncherTest, BothLayersMakeAFullySandboxedProcess) {
  pid_t pid = LaunchHolder(/*layer2=*/true, 3000);
  usleep(300 * 1000);
  ProcessSandboxStatus status = InspectProcess(pid);
  EXPECT_TRUE(status.FullySandboxed()) << status.ToString();
  EXPECT_EQ(status.seccomp_mode, 2);
  EXPECT_EQ(status.cap_effective, 0u);
  EXPECT_EQ(status.cap_permitted, 0u);
  KillAndReap(pid);
}

TEST(LauncherTest, ChildrenShareOneNetworkNamespaceButNothingElse) {
  pid_t first = LaunchHolder(false, 3000);
  pid_t second = LaunchHolder(false, 3000);
  usleep(200 * 1000);
  EXPECT_EQ(NamespaceInode(first, "net"), NamespaceInode(second, "net"));
  EXPECT_NE(NamespaceInode(first, "net"), NamespaceInode(getpid(), "net"));
  for (const char* ns : {"user", "pid", "ipc", "uts", "mnt"})
    EXPECT_NE(NamespaceInode(first, ns), NamespaceInode(second, ns)) << ns;
  KillAndReap(first);
  KillAndReap(second);
}

TEST(LauncherTest, RefusesMissingOrRelativePrograms) {
  LaunchOptions options;
  options.argv = {"/nonexistent/sandtab-program"};
  Result<pid_t> missing = Launch(options);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("cannot find program"), std::string::npos) << missing.error();
  options.argv = {"relative/program"};
  EXPECT_FALSE(Launch(options));
}

TEST(LauncherTest, AFailedStepExitsWithItsCode) {
  // Executable, but its interpreter is missing: execve fails in the child.
  testing::TempDir dir;
  std::string script = dir.path() + "/bad-interpreter";
  std::ofstream(script) << "#!/nonexistent/interpreter\n";
  chmod(script.c_str(), 0755);
  LaunchOptions options;
  options.argv = {script};
  testing::RunResult result = RunLaunched(options);
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  EXPECT_EQ(SetupFailureStep(WEXITSTATUS(result.status)), "exec") << result.Describe();
  EXPECT_NE(result.err.find("sandtab-sandbox: set-up failed: exec"), std::string::npos);
}

TEST(LauncherTest, ProcessLimitCountsEachSandboxSeparately) {
  // Three sandboxes at 40 threads each: 120 > RLIMIT_NPROC, yet each gets
  // all of them, because each sandbox has its own user namespace.
  std::vector<std::thread> runners;
  std::vector<testing::RunResult> results(3);
  for (int i = 0; i < 3; ++i) {
    runners.emplace_back([i, &results] {
      LaunchOptions options;
      options.argv = {HostilePath(), "threads", "40", "1500"};
      options.layer2_before_main = true;
      results[i] = RunLaunched(options);
    });
  }
  for (auto& runner : runners) runner.join();
  for (const auto& result : results)
    EXPECT_EQ(LinesWith(result.out, "THREADS"), std::vector<std::string>{"started=40 errno=0"}) << result.Describe();
  // And the limit is real: one sandbox cannot start more than it allows.
  LaunchOptions options;
  options.argv = {HostilePath(), "threads", std::to_string(kProcessLimit + 20), "10"};
  options.layer2_before_main = true;
  testing::RunResult over = RunLaunched(options);
  auto lines = LinesWith(over.out, "THREADS");
  ASSERT_EQ(lines.size(), 1u) << over.Describe();
  EXPECT_EQ(lines[0], "started=" + std::to_string(kProcessLimit - 1) + " errno=11");
}

TEST(LauncherTest, SigsysDeathIsVisibleToWaitpidWithTheSyscallName) {
  testing::TempDir dir;
  LaunchOptions options;
  options.argv = {HostilePath(), "kill", "ptrace", dir.path()};
  options.layer2_before_main = true;
  testing::RunResult result = RunLaunched(options);
  ASSERT_TRUE(WIFSIGNALED(result.status)) << result.Describe();
  EXPECT_EQ(WTERMSIG(result.status), SIGSYS);
  EXPECT_EQ(result.err, "sandtab-sandbox: sandbox violation: syscall=101 name=ptrace\n");
}

TEST(LauncherTest, NoSandboxKeepsTheFdLayoutOnly) {
  LaunchOptions options;
  options.argv = {HostilePath(), "inventory"};
  options.sandboxed = false;
  testing::RunResult result = RunLaunched(options);
  EXPECT_EQ(LinesWith(result.out, "FD"), (std::vector<std::string>{"0", "1", "2"})) << result.Describe();
  EXPECT_EQ(LinesWith(result.out, "ENV"), std::vector<std::string>{"PATH"});
}

}  // namespace
}  // namespace sandtab::sandbox
