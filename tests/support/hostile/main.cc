// sandtab-hostile-child: a compromised child for tests, started by the real
// browser through --renderer-cmd-prefix, --plugin-launcher or
// --zygote-cmd-prefix:
//
//   sandtab-hostile-child [--trigger=TEXT] [--launch=N] [--tag=TAG] SCENARIO [ARGS...] -- PROGRAM...
//
// The browser appends PROGRAM (the real child and its flags) after the
// prefix. Until its scenario takes over, this process is a relay: it runs
// PROGRAM as its own child on a socketpair that becomes the child's fd 3
// and passes every frame both ways, so benign tabs get real pixels from a
// real renderer. See README.md in this folder.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sandbox/layer2.h"
#include "tests/support/hostile/framed_socket.h"
#include "tests/support/hostile/launch_ticket.h"
#include "tests/support/hostile/relay.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

constexpr int kChannelFd = 3;

struct Options {
  std::string trigger = "hostile";
  int launch = 0;  // 0: every child of the role
  std::string tag;
  std::string scenario;
  std::vector<std::string> args;
  std::vector<std::string> program;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr,
               "sandtab-hostile-child: %s\n"
               "usage: sandtab-hostile-child [--trigger=TEXT] [--launch=N] [--tag=TAG] SCENARIO [ARGS...] -- "
               "PROGRAM...\nscenarios:\n",
               problem.c_str());
  for (const std::string& line : ScenarioList()) std::fprintf(stderr, "  %s\n", line.c_str());
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options options;
  int i = 1;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--trigger=", 0) == 0) {
      options.trigger = arg.substr(10);
    } else if (arg.rfind("--launch=", 0) == 0) {
      options.launch = std::atoi(arg.c_str() + 9);
    } else if (arg.rfind("--tag=", 0) == 0) {
      options.tag = arg.substr(6);
    } else {
      break;
    }
  }
  if (i >= argc || std::string(argv[i]) == "--") Usage("no scenario");
  options.scenario = argv[i++];
  for (; i < argc && std::string(argv[i]) != "--"; ++i) options.args.push_back(argv[i]);
  if (i >= argc) Usage("no \"--\" before the program the browser appends");
  for (++i; i < argc; ++i) options.program.push_back(argv[i]);
  if (options.program.empty()) Usage("no program after \"--\"");
  return options;
}

Role RoleOf(const std::vector<std::string>& program) {
  const std::string& path = program[0];
  const std::string base = path.substr(path.rfind('/') + 1);
  if (base == "sandtab-plugin") return Role::kPlugin;
  for (const std::string& arg : program) {
    if (arg == "--zygote") return Role::kZygote;
  }
  return Role::kRenderer;
}

bool Sandboxed(const std::vector<std::string>& program) {
  for (const std::string& arg : program) {
    if (arg == "--no-sandbox") return false;
  }
  return true;
}

std::vector<char*> Argv(std::vector<std::string>& program) {
  std::vector<char*> argv;
  for (std::string& arg : program) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return argv;
}

[[noreturn]] void ExecProgram(std::vector<std::string> program) {
  std::vector<char*> argv = Argv(program);
  ::execv(argv[0], argv.data());
  std::perror("sandtab-hostile-child: execv");
  ::_exit(127);
}

// The real child: fds 0-2 shared with us, fd 3 the other end of `channel`.
pid_t StartRealChild(const std::vector<std::string>& program, int channel) {
  pid_t pid = ::fork();
  if (pid == 0) {
    // Under --no-sandbox there is no PID namespace to end it with us.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::dup2(channel, kChannelFd) != kChannelFd) ::_exit(127);
    ExecProgram(program);
  }
  return pid;
}

// As the real child ended: its exit code, or 128 + the signal that killed
// it (we are pid 1 of the sandbox's PID namespace: a signal we raise on
// ourselves is ignored).
[[noreturn]] void ExitAsChild(pid_t child) {
  int status = 0;
  if (::waitpid(child, &status, 0) != child) std::exit(1);
  if (WIFSIGNALED(status)) {
    std::fprintf(stderr, "sandtab-hostile-child: the real child was killed by signal %d\n", WTERMSIG(status));
    std::exit(128 + WTERMSIG(status));
  }
  std::exit(WEXITSTATUS(status));
}

// The hostile part runs behind the same layer 2 as the child it plays, so
// it is no more dangerous than a compromised renderer (or plugin).
void EngageLayer2(Role role, bool sandboxed) {
  if (!sandboxed) return;
  sandbox::EngageLayer2(role == Role::kPlugin ? sandbox::Profile::kPlugin : sandbox::Profile::kRenderer);
}

[[noreturn]] void Play(const ScenarioSpec& spec, const Options& options, Role role, Observed seen,
                       FramedSocket& browser) {
  EngageLayer2(role, Sandboxed(options.program));
  Session session(role, options.args, std::move(seen), browser, options.trigger);
  spec.run(session);
  session.ServeUntilClosed();
  std::exit(0);
}

int Main(int argc, char** argv) {
  Options options = Parse(argc, argv);
  const ScenarioSpec* spec = FindScenario(options.scenario);
  if (!spec) Usage("unknown scenario '" + options.scenario + "'");
  const Role role = RoleOf(options.program);
  FramedSocket browser(kChannelFd);

  if (spec->when == When::kAtLaunch) {
    const bool chosen = options.launch == 0 || TakeLaunchTicket(RoleName(role), options.tag) == options.launch;
    if (chosen) Play(*spec, options, role, Observed{}, browser);
  }
  // A zygote's renderers must be its own children (the browser finds them
  // under the zygote's pid), so a zygote is never relayed: it is the real one.
  if (role == Role::kZygote) ExecProgram(options.program);

  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    std::perror("sandtab-hostile-child: socketpair");
    return 1;
  }
  const pid_t child = StartRealChild(options.program, pair[1]);
  ::close(pair[1]);
  if (child < 0) {
    std::perror("sandtab-hostile-child: fork");
    return 1;
  }
  FramedSocket real(pair[0]);
  Relay relay(role, browser, real, spec->when == When::kOnTrigger ? options.trigger : "");
  switch (relay.Run()) {
    case Relay::Outcome::kTriggered:
      ::close(pair[0]);
      ::kill(child, SIGKILL);
      ::waitpid(child, nullptr, 0);
      Play(*spec, options, role, relay.seen(), browser);
    case Relay::Outcome::kChildEnded:
      ExitAsChild(child);
    case Relay::Outcome::kBrowserClosed:
      ::kill(child, SIGKILL);
      return 0;
    case Relay::Outcome::kError:
      std::fprintf(stderr, "sandtab-hostile-child: relay: %s\n", relay.error().c_str());
      ::kill(child, SIGKILL);
      return 1;
  }
  return 1;
}

}  // namespace
}  // namespace sandtab::test::hostile

int main(int argc, char** argv) { return sandtab::test::hostile::Main(argc, argv); }
