#include "tests/sandbox/run_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace sandtab::sandbox::testing {

std::string RunResult::Describe() const {
  std::ostringstream text;
  text << "timed_out=" << timed_out << " status=0x" << std::hex << status << std::dec << "\n--- stdout ---\n"
       << out << "--- stderr ---\n"
       << err;
  return text.str();
}

namespace {

// A sandboxed ASan program (sanitizer builds) cannot read /proc/self/exe and
// says so on stderr at start; the tests compare stderr with what the sandbox
// itself writes, so that one note of the sanitizer's runtime is left out.
std::string WithoutSanitizerNotes(const std::string& err) {
#if defined(__SANITIZE_ADDRESS__)
  std::string kept;
  size_t begin = 0;
  while (begin < err.size()) {
    size_t end = err.find('\n', begin);
    end = end == std::string::npos ? err.size() : end + 1;
    const std::string line = err.substr(begin, end - begin);
    const bool note =
        line.rfind("==", 0) == 0 && line.find("==WARNING: reading executable name failed") != std::string::npos;
    if (!note) kept += line;
    begin = end;
  }
  return kept;
#else
  return err;
#endif
}

}  // namespace

RunResult Collect(pid_t pid, int out_fd, int err_fd, int timeout_ms) {
  RunResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int open_fds[2] = {out_fd, err_fd};
  std::string* sinks[2] = {&result.out, &result.err};
  while (open_fds[0] >= 0 || open_fds[1] >= 0) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd polls[2] = {{open_fds[0], POLLIN, 0}, {open_fds[1], POLLIN, 0}};
    if (poll(polls, 2, static_cast<int>(left)) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (open_fds[i] < 0 || polls[i].revents == 0) continue;
      char buffer[4096];
      ssize_t n = read(open_fds[i], buffer, sizeof(buffer));
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(open_fds[i]);
        open_fds[i] = -1;
      }
    }
  }
  for (int fd : open_fds)
    if (fd >= 0) close(fd);
  result.err = WithoutSanitizerNotes(result.err);
  if (result.timed_out) kill(pid, SIGKILL);
  // Bounded too: after EOF (or SIGKILL) the child is gone or about to be.
  for (int i = 0; i < 2000; ++i) {
    pid_t reaped = waitpid(pid, &result.status, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno != EINTR)) return result;
    if (i == 1000) {
      kill(pid, SIGKILL);
      result.timed_out = true;
    }
    usleep(5000);
  }
  return result;
}

namespace {

RunResult StartExec(const std::vector<std::string>& args, int stdin_fd, int fd3, bool give_fds, int timeout_ms) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return {true, 0, "", "pipe"};
  std::vector<std::string> full = {ExecPath()};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : full) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    // Sources above 3 first, so no dup2 below clobbers one of them.
    int in_high = stdin_fd >= 0 ? fcntl(stdin_fd, F_DUPFD_CLOEXEC, 10) : -1;
    int fd3_high = fd3 >= 0 ? fcntl(fd3, F_DUPFD_CLOEXEC, 10) : -1;
    dup2(out[1], 1);
    dup2(err[1], 2);
    if (in_high >= 0) dup2(in_high, 0);
    if (fd3_high >= 0)
      dup2(fd3_high, 3);
    else
      close(3);
    // A marker the sandboxed program must not see (nothing inherited).
    setenv("SANDTAB_TEST_SECRET", "leaked", 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  if (give_fds) {
    if (stdin_fd >= 0) close(stdin_fd);
    if (fd3 >= 0) close(fd3);
  }
  return Collect(pid, out[0], err[0], timeout_ms);
}

}  // namespace

RunResult RunExec(const std::vector<std::string>& args, int fd3, int timeout_ms) {
  return StartExec(args, -1, fd3, false, timeout_ms);
}

RunResult RunExecGivingFds(const std::vector<std::string>& args, int stdin_fd, int fd3, int timeout_ms) {
  return StartExec(args, stdin_fd, fd3, true, timeout_ms);
}

std::vector<std::string> ModeFlags(LaunchMode mode) {
  if (mode == LaunchMode::kZygote) return {"--zygote"};
  return {};
}

std::string ModeName(LaunchMode mode) { return mode == LaunchMode::kZygote ? "zygote" : "cold"; }

RunResult RunLaunched(LaunchOptions options, int timeout_ms) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return {true, 0, "", "pipe"};
  options.stdout_fd = out[1];
  options.log_fd = err[1];
  Result<pid_t> launched = Launch(options);
  close(out[1]);
  close(err[1]);
  if (!launched) {
    close(out[0]);
    close(err[0]);
    return {false, -1, "", "launch failed: " + launched.error()};
  }
  return Collect(*launched, out[0], err[0], timeout_ms);
}

std::string ExecPath() { return SANDTAB_EXEC_PATH; }
std::string HostilePath() { return SANDBOX_HOSTILE_PATH; }

std::map<std::string, Attempt> ParseAttempts(const std::string& out) {
  std::map<std::string, Attempt> attempts;
  for (const std::string& line : LinesWith(out, "ATTEMPT")) {
    std::istringstream fields(line);
    std::string name, verdict, error;
    fields >> name >> verdict >> error;
    Attempt attempt;
    attempt.allowed = verdict == "allowed";
    if (error.rfind("errno=", 0) == 0) attempt.error = std::atoi(error.c_str() + 6);
    attempts[name] = attempt;
  }
  return attempts;
}

std::vector<std::string> LinesWith(const std::string& out, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream stream(out);
  std::string line;
  while (std::getline(stream, line))
    if (line.rfind(prefix + " ", 0) == 0) lines.push_back(line.substr(prefix.size() + 1));
  return lines;
}

TempDir::TempDir() {
  char pattern[] = "/tmp/sandtab-sandbox-test-XXXXXX";
  path_ = mkdtemp(pattern) ? pattern : "";
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

}  // namespace sandtab::sandbox::testing
