// Hostile programs under the real sandtab-exec: every attempt an attacker
// controlling a renderer would make, with positive controls beside them.
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sandbox/resource_limits.h"
#include "tests/sandbox/run_helper.h"

namespace sandtab::sandbox {
namespace {

using testing::Attempt;
using testing::HostilePath;
using testing::LinesWith;
using testing::ParseAttempts;
using testing::RunExec;

// Listeners and IPC objects the test opens on the host, for the hostile
// program to try to reach.
class HostResources {
 public:
  HostResources() {
    tcp_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(tcp_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(tcp_, 4);
    socklen_t length = sizeof(address);
    getsockname(tcp_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    abstract_name_ = "sandtab-sandbox-test-" + std::to_string(getpid());
    unix_ = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_un unix_address = {};
    unix_address.sun_family = AF_UNIX;
    memcpy(unix_address.sun_path + 1, abstract_name_.data(), abstract_name_.size());
    bind(unix_, reinterpret_cast<sockaddr*>(&unix_address),
         static_cast<socklen_t>(sizeof(sa_family_t) + 1 + abstract_name_.size()));
    listen(unix_, 4);
    key_ = static_cast<key_t>(0x5a000000 | (getpid() & 0xffff));
    shm_ = shmget(key_, 4096, IPC_CREAT | 0666);
    msg_ = msgget(key_, IPC_CREAT | 0666);
  }
  ~HostResources() {
    close(tcp_);
    close(unix_);
    if (shm_ >= 0) shmctl(shm_, IPC_RMID, nullptr);
    if (msg_ >= 0) msgctl(msg_, IPC_RMID, nullptr);
  }
  bool Ready() const { return port_ > 0 && shm_ >= 0 && msg_ >= 0; }
  // Nothing connected to either listener.
  bool NoConnections() const {
    return accept(tcp_, nullptr, nullptr) < 0 && errno == EAGAIN && accept(unix_, nullptr, nullptr) < 0 &&
           errno == EAGAIN;
  }
  std::vector<std::string> Args(const std::string& tmpdir) const {
    return {std::to_string(getpid()), tmpdir, std::to_string(port_), abstract_name_, std::to_string(key_)};
  }

 private:
  int tcp_ = -1, unix_ = -1, shm_ = -1, msg_ = -1;
  int port_ = 0;
  std::string abstract_name_;
  key_t key_ = 0;
};

// Every test runs for each profile, cold and forked from a zygote.
class ExecProfileTest : public ::testing::TestWithParam<std::tuple<std::string, testing::LaunchMode>> {
 protected:
  const std::string& Profile() const { return std::get<0>(GetParam()); }
  // sandtab-exec --profile=P [--zygote] -- sandbox_hostile ARGS...
  std::vector<std::string> HostileArgs(const std::vector<std::string>& hostile_args) const {
    std::vector<std::string> args = {"--profile=" + Profile()};
    for (const std::string& flag : testing::ModeFlags(std::get<1>(GetParam()))) args.push_back(flag);
    args.push_back("--");
    args.push_back(HostilePath());
    args.insert(args.end(), hostile_args.begin(), hostile_args.end());
    return args;
  }
};

TEST_P(ExecProfileTest, EveryAttemptIsDeniedAndTheControlsWork) {
  HostResources host;
  ASSERT_TRUE(host.Ready());
  testing::TempDir dir;
  std::vector<std::string> hostile_args = {"attempts"};
  for (const std::string& arg : host.Args(dir.path())) hostile_args.push_back(arg);
  testing::RunResult result = RunExec(HostileArgs(hostile_args));
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  ASSERT_EQ(WEXITSTATUS(result.status), 0) << result.Describe();
  ASSERT_EQ(LinesWith(result.out, "DONE"), std::vector<std::string>{"attempts"}) << result.Describe();
  std::map<std::string, Attempt> attempts = ParseAttempts(result.out);
  const std::map<std::string, int> kDenied = {
      {"read-etc-passwd", EPERM},
      {"read-own-binary-dir", EPERM},
      {"create-file-in-tmpdir", EPERM},
      {"read-host-proc-status", EPERM},
      {"list-root", EPERM},
      {"stat-etc-passwd", EPERM},
      {"mkdir-in-tmpdir", EPERM},
      {"readlink-proc-self-exe", EPERM},
      {"chdir-up", EPERM},
      {"socket-inet", EPERM},
      {"socket-inet6", EPERM},
      {"socket-unix", EPERM},
      {"socket-netlink", EPERM},
      {"socket-packet", EPERM},
      {"socket-vsock", EPERM},
      {"socketpair", EPERM},
      {"connect-host-tcp-listener", EPERM},
      {"connect-host-abstract-unix", EPERM},
      {"connect-on-fd3", EPERM},
      {"fork", EPERM},
      {"clone-process", EPERM},
      {"clone3", ENOSYS},
      {"signal0-host-pid", EPERM},
      {"signal0-process-group", EPERM},
      {"signal0-everyone", EPERM},
      {"tkill-host-pid", EPERM},
      {"shmget-host-key", EPERM},
      {"msgget-host-key", EPERM},
      {"execve-bin-true", EPERM},
  };
  for (const auto& [name, expected_errno] : kDenied) {
    ASSERT_TRUE(attempts.count(name)) << "no report for " << name << "\n" << result.Describe();
    EXPECT_FALSE(attempts[name].allowed) << name;
    EXPECT_EQ(attempts[name].error, expected_errno) << name;
  }
  EXPECT_TRUE(attempts["thread"].allowed) << "threads are allowed (Pango)";
  EXPECT_TRUE(attempts["signal0-self"].allowed);
  EXPECT_EQ(attempts.size(), kDenied.size() + 2) << "an attempt without an expectation";
  // And from the host's side: nothing arrived, nothing was created.
  EXPECT_TRUE(host.NoConnections());
  struct stat info;
  EXPECT_NE(stat((dir.path() + "/created-by-hostile").c_str(), &info), 0);
  EXPECT_NE(stat((dir.path() + "/dir-by-hostile").c_str(), &info), 0);
}

TEST_P(ExecProfileTest, NothingInheritedAndLimitsHold) {
  testing::RunResult result = RunExec(HostileArgs({"inventory"}));
  ASSERT_EQ(LinesWith(result.out, "DONE"), std::vector<std::string>{"inventory"}) << result.Describe();
  EXPECT_EQ(LinesWith(result.out, "STDOUT"), std::vector<std::string>{"works"});
  std::vector<std::string> env = LinesWith(result.out, "ENV");
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_EQ(env, std::vector<std::string>{"PATH"}) << "SANDTAB_TEST_SECRET or LD_PRELOAD leaked";
#endif
  EXPECT_EQ(LinesWith(result.out, "FD"), (std::vector<std::string>{"0", "1", "2"}))
      << "fd 3 was not given here; nothing else may be open";
  auto attempts = ParseAttempts(result.out);
  for (const char* control : {"mmap-1mib", "malloc-64mib", "clock-gettime"})
    EXPECT_TRUE(attempts[control].allowed) << control;
  auto limits = LinesWith(result.out, "LIMIT");
  ASSERT_EQ(limits.size(), 2u) << result.Describe();
#if !defined(__SANITIZE_ADDRESS__)
  size_t memory_mib = 0;
  int memory_errno = 0;
  ASSERT_EQ(sscanf(limits[0].c_str(), "memory_mib=%zu errno=%d", &memory_mib, &memory_errno), 2);
  EXPECT_EQ(memory_errno, ENOMEM);
  EXPECT_LT(memory_mib, kAddressSpaceLimit >> 20);
  EXPECT_GT(memory_mib, 1024u) << "the limit leaves room to work";
#endif
  size_t opened = 0;
  int highest = 0, fd_errno = 0;
  ASSERT_EQ(sscanf(limits[1].c_str(), "fds_opened=%zu highest=%d errno=%d", &opened, &highest, &fd_errno), 3);
  EXPECT_EQ(fd_errno, EMFILE);
  uint64_t limit = Profile() == "plugin" ? kPluginOpenFiles : kRendererOpenFiles;
  EXPECT_EQ(static_cast<uint64_t>(highest), limit - 1);
}

TEST_P(ExecProfileTest, TalksOverFd3) {
  int pair[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
  ASSERT_EQ(write(pair[0], "ping", 4), 4);
  testing::RunResult result = RunExec(HostileArgs({"channel"}), pair[1]);
  close(pair[1]);
  char reply[8] = {};
  EXPECT_EQ(read(pair[0], reply, 4), 4);
  EXPECT_STREQ(reply, "pong");
  close(pair[0]);
  auto attempts = ParseAttempts(result.out);
  EXPECT_TRUE(attempts["channel-read"].allowed) << result.Describe();
  EXPECT_TRUE(attempts["channel-write"].allowed) << result.Describe();
}

TEST_P(ExecProfileTest, ForbiddenProbesAreAllDeniedAndSurvivable) {
  testing::RunResult result = RunExec(HostileArgs({"probes", std::to_string(getpid())}));
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  auto probes = LinesWith(result.out, "PROBE");
  EXPECT_GE(probes.size(), 10u) << result.Describe();
  for (const std::string& probe : probes) EXPECT_NE(probe.find("|denied|"), std::string::npos) << probe;
}

INSTANTIATE_TEST_SUITE_P(ProfilesAndLaunchModes, ExecProfileTest,
                         ::testing::Combine(::testing::Values("renderer", "plugin"),
                                            ::testing::ValuesIn(testing::kLaunchModes)),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_" + testing::ModeName(std::get<1>(info.param));
                         });

TEST(ExecTest, ProbesReportAllowedWithoutTheSandbox) {
  testing::RunResult result = RunExec({"--no-sandbox", "--", HostilePath(), "probes", std::to_string(getpid())});
  EXPECT_NE(result.err.find("WARNING: --no-sandbox"), std::string::npos) << result.Describe();
  auto probes = LinesWith(result.out, "PROBE");
  ASSERT_FALSE(probes.empty()) << result.Describe();
  EXPECT_NE(probes[0].find("open /etc/passwd|allowed|"), std::string::npos) << probes[0];
}

TEST(ExecTest, FlagsAndErrors) {
  testing::RunResult help = RunExec({"--help"});
  EXPECT_EQ(WEXITSTATUS(help.status), 0);
  EXPECT_NE(help.out.find("usage: sandtab-exec"), std::string::npos);
  testing::RunResult bad = RunExec({"--profile=browser", "--", "/bin/true"});
  EXPECT_EQ(WEXITSTATUS(bad.status), 2);
  EXPECT_NE(bad.err.find("unknown profile 'browser'"), std::string::npos) << bad.Describe();
  testing::RunResult missing = RunExec({"--", "/nonexistent/program"});
  EXPECT_EQ(WEXITSTATUS(missing.status), 127);
  EXPECT_NE(missing.err.find("cannot find program"), std::string::npos) << missing.Describe();
  testing::RunResult no_program = RunExec({"--profile=plugin"});
  EXPECT_EQ(WEXITSTATUS(no_program.status), 2);
}

TEST(ExecTest, ForwardsTheExitStatus) {
  for (testing::LaunchMode mode : testing::kLaunchModes) {
    std::vector<std::string> args = testing::ModeFlags(mode);
    for (const char* arg : {"--", "/bin/sh", "-c", "exit 42"}) args.push_back(arg);
    testing::RunResult result = RunExec(args);
    ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
    EXPECT_EQ(WEXITSTATUS(result.status), 42) << testing::ModeName(mode) << result.Describe();
  }
}

// With N copies the status is that of the first copy, in fork order, that
// did not exit 0; each copy's end is one line on stderr.
TEST(ExecTest, ZygoteReportsEveryChildAndTheFirstFailure) {
  // pid 2 exits 0, pid 3 exits 5, pid 4 exits 6.
  testing::RunResult result = RunExec({"--zygote=3", "--", "/bin/sh", "-c", "exit $(( $$ == 2 ? 0 : $$ + 2 ))"});
  ASSERT_TRUE(WIFEXITED(result.status)) << result.Describe();
  EXPECT_EQ(WEXITSTATUS(result.status), 5) << result.Describe();
  for (const char* line : {"zygote child 1/3 pid=2 exited with code 0", "zygote child 2/3 pid=3 exited with code 5",
                           "zygote child 3/3 pid=4 exited with code 6"})
    EXPECT_NE(result.err.find(line), std::string::npos) << line << "\n" << result.Describe();
  testing::RunResult bad = RunExec({"--zygote=0", "--", "/bin/true"});
  EXPECT_EQ(WEXITSTATUS(bad.status), 2);
  EXPECT_NE(bad.err.find("bad --zygote count '0'"), std::string::npos) << bad.Describe();
}

}  // namespace
}  // namespace sandtab::sandbox
