// Renderers forked from one zygote share its PID namespace and its uid:
// each must still be unable to signal, trace or read another. Two or three
// copies of sandbox_hostile run under `sandtab-exec --zygote=N`; pid 2 is
// the victim, every other copy attacks it (hostile_sibling.cc), and the
// victim reports whether anything reached it.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "sandbox/launcher.h"
#include "tests/sandbox/run_helper.h"

namespace sandtab::sandbox {
namespace {

using testing::HostilePath;
using testing::LinesWith;

constexpr char kVictimPid[] = "2";  // the zygote's first child
constexpr char kVictimFine[] = "pid=2 detector=works attackers=gone signals=0 canary=intact";

// sandtab-exec --profile=P --zygote=N -- sandbox_hostile sibling 2 ATTACK,
// fds 0 and 3 the two ends of one pipe (the siblings' rendezvous).
testing::RunResult RunSiblings(const std::string& profile, int copies, const std::string& attack) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return {true, 0, "", "pipe2 failed"};
  return testing::RunExecGivingFds({"--profile=" + profile, "--zygote=" + std::to_string(copies), "--", HostilePath(),
                                    "sibling", kVictimPid, attack},
                                   pipe_fds[0], pipe_fds[1]);
}

class SiblingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SiblingTest, EveryAttemptOnASiblingIsDeniedAndTheVictimIsUntouched) {
  testing::RunResult result = RunSiblings(GetParam(), 3, "all");
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  EXPECT_EQ(WEXITSTATUS(result.status), 0) << result.Describe();
  EXPECT_EQ(LinesWith(result.out, "VICTIM"), std::vector<std::string>{kVictimFine}) << result.Describe();
  EXPECT_EQ(LinesWith(result.out, "ATTACKER").size(), 2u) << result.Describe();
  const std::map<std::string, int> kDenied = {
      {"sibling-kill-signal0", EPERM},
      {"sibling-kill-sigcont", EPERM},
      {"sibling-process-group-sigcont", EPERM},
      {"sibling-tkill-sigcont", EPERM},
      {"sibling-tgkill-signal0", EPERM},
      {"sibling-tgkill-sigcont", EPERM},
      // Allowed by the policy (its own thread group), refused by the kernel.
      {"sibling-tgkill-own-group-sibling-thread", ESRCH},
      {"sibling-rt-sigqueueinfo", EPERM},
      {"sibling-rt-tgsigqueueinfo", EPERM},
      {"sibling-pidfd-open", EPERM},
      {"sibling-pidfd-send-signal", EPERM},
      {"sibling-open-proc/mem", EPERM},
      {"sibling-open-proc/environ", EPERM},
      {"sibling-open-proc/status", EPERM},
      {"sibling-open-proc/maps", EPERM},
      {"sibling-prlimit64-read", EPERM},
      {"sibling-getpriority", EPERM},
      {"sibling-sched-getparam", EPERM},
      {"sibling-sched-getscheduler", EPERM},
      {"sibling-sched-getaffinity", EPERM},
      {"sibling-get-robust-list", EPERM},
      {"sibling-capget", EPERM},
      {"sibling-getpgid", EPERM},
      {"sibling-getsid", EPERM},
      {"sibling-ioprio-get", EPERM},
      {"sibling-waitid", EPERM},
  };
  std::map<std::string, int> seen;
  for (const std::string& line : LinesWith(result.out, "ATTEMPT")) {
    std::istringstream fields(line);
    std::string name, verdict, error;
    fields >> name >> verdict >> error;
    ++seen[name];
    if (name == "self-kill-signal0") {
      EXPECT_EQ(verdict, "allowed") << "positive control";
      continue;
    }
    auto expected = kDenied.find(name);
    ASSERT_NE(expected, kDenied.end()) << "an attempt without an expectation: " << line;
    EXPECT_EQ(verdict + " " + error, "denied errno=" + std::to_string(expected->second))
        << name << " (" << strerror(expected->second) << " expected)";
  }
  for (const auto& [name, expected_errno] : kDenied)
    EXPECT_EQ(seen[name], 2) << name << ": once per attacker\n" << result.Describe();
  EXPECT_EQ(seen["self-kill-signal0"], 2);
  for (const char* line : {"zygote child 1/3 pid=2 exited with code 0", "zygote child 2/3 pid=3 exited with code 0",
                           "zygote child 3/3 pid=4 exited with code 0"})
    EXPECT_NE(result.err.find(line), std::string::npos) << line << "\n" << result.Describe();
}

INSTANTIATE_TEST_SUITE_P(Profiles, SiblingTest, ::testing::Values("renderer", "plugin"));

// The calls that kill: the attacker dies of SIGSYS naming the call, the
// victim ends on its own, untouched.
class SiblingDeathTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SiblingDeathTest, OnlyTheAttackerDies) {
  testing::RunResult result = RunSiblings("renderer", 2, GetParam());
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  // The first child that did not exit 0: the attacker, by SIGSYS.
  EXPECT_EQ(WEXITSTATUS(result.status), 128 + SIGSYS) << result.Describe();
  EXPECT_NE(result.err.find("sandtab-sandbox: sandbox violation: syscall="), std::string::npos) << result.Describe();
  EXPECT_NE(result.err.find(" name=" + GetParam() + "\n"), std::string::npos) << result.Describe();
  EXPECT_NE(result.err.find("zygote child 2/2 pid=3 " + HostilePath() + " killed by signal 31"), std::string::npos)
      << result.Describe();
  EXPECT_NE(result.err.find("zygote child 1/2 pid=2 exited with code 0"), std::string::npos) << result.Describe();
  EXPECT_EQ(LinesWith(result.out, "VICTIM"), std::vector<std::string>{kVictimFine}) << result.Describe();
  EXPECT_EQ(result.out.find("survived"), std::string::npos) << result.Describe();
}

INSTANTIATE_TEST_SUITE_P(KillingCalls, SiblingDeathTest,
                         ::testing::Values("ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
                                           "process_madvise"));

// Reads |fd| until |count| lines start with "PARKED " (or 10 s pass).
int WaitForParked(int fd, int count, std::string* out) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (static_cast<int>(LinesWith(*out, "PARKED").size()) < count && std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd = {fd, POLLIN, 0};
    if (poll(&poll_fd, 1, 100) <= 0) continue;
    char buffer[256];
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    out->append(buffer, static_cast<size_t>(n));
  }
  return static_cast<int>(LinesWith(*out, "PARKED").size());
}

std::vector<pid_t> ChildrenOf(pid_t pid) {
  std::ifstream list("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> children;
  for (pid_t child; list >> child;) children.push_back(child);
  return children;
}

// Owner of /proc/PID/environ: the process's euid while it is dumpable,
// root (the sandbox's user namespace maps no uid 0) once it is not, and
// then only a holder of CAP_SYS_PTRACE over its user namespace passes the
// ptrace access check: not a sibling with the same uid.
uid_t ProcOwner(pid_t pid) {
  struct stat info = {};
  if (stat(("/proc/" + std::to_string(pid) + "/environ").c_str(), &info) != 0) return static_cast<uid_t>(-1);
  return info.st_uid;
}

struct Parked {
  pid_t pid = -1;  // the launched process (the zygote in zygote mode)
  int stdin_write = -1, out = -1, err = -1;
  std::string out_text;
};

Parked LaunchParked(int zygote_children, bool layer2) {
  Parked parked;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return parked;
  LaunchOptions options;
  options.argv = {HostilePath(), "park"};
  options.stdin_fd = in[0];
  options.stdout_fd = out[1];
  options.log_fd = err[1];
  options.layer2_before_main = layer2;
  options.zygote_children = zygote_children;
  Result<pid_t> launched = Launch(options);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  EXPECT_TRUE(launched) << launched.error();
  parked = {launched ? *launched : -1, in[1], out[0], err[0], ""};
  WaitForParked(parked.out, zygote_children > 0 ? zygote_children : 1, &parked.out_text);
  return parked;
}

testing::RunResult Release(Parked& parked) {
  close(parked.stdin_write);
  testing::RunResult result = testing::Collect(parked.pid, parked.out, parked.err, 10000);
  result.out = parked.out_text + result.out;
  return result;
}

TEST(SiblingDumpableTest, ZygoteChildrenAreNotDumpableOnceInLayerTwo) {
  Parked zygote = LaunchParked(2, true);
  ASSERT_EQ(LinesWith(zygote.out_text, "PARKED").size(), 2u) << zygote.out_text;
  std::vector<pid_t> children = ChildrenOf(zygote.pid);
  ASSERT_EQ(children.size(), 2u);
  for (pid_t child : children) EXPECT_EQ(ProcOwner(child), 0u) << "zygote child " << child << " is dumpable";
  // Control: the same program with layer 1 only (no EngageLayer2) is
  // dumpable (execve set it back), and owns its /proc files.
  Parked cold = LaunchParked(0, false);
  ASSERT_EQ(LinesWith(cold.out_text, "PARKED").size(), 1u) << cold.out_text;
  EXPECT_EQ(ProcOwner(cold.pid), 65534u) << "the method does not tell dumpable apart";
  // Layer 2 makes a cold launch non-dumpable as well.
  Parked cold_layer2 = LaunchParked(0, true);
  ASSERT_EQ(LinesWith(cold_layer2.out_text, "PARKED").size(), 1u) << cold_layer2.out_text;
  EXPECT_EQ(ProcOwner(cold_layer2.pid), 0u);
  for (Parked* parked : {&zygote, &cold, &cold_layer2}) {
    testing::RunResult result = Release(*parked);
    EXPECT_TRUE(WIFEXITED(result.status) && WEXITSTATUS(result.status) == 0) << result.Describe();
  }
}

}  // namespace
}  // namespace sandtab::sandbox
