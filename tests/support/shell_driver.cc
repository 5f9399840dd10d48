#include "tests/support/shell_driver.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/property_tree/json_parser.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/errno_message.h"
#include "tests/support/proc_facts.h"

extern char** environ;

namespace sandtab::test {
namespace {

using Clock = std::chrono::steady_clock;

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Spawns argv with the given fds as its 0, 1, 2 (-1 for 2: inherit ours).
pid_t Spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  if (err >= 0) posix_spawn_file_actions_adddup2(&actions, err, 2);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    errno = rc;
    throw std::runtime_error(ErrnoMessage("posix_spawn " + argv[0]));
  }
  return pid;
}

// Waits for pid until the deadline; the wait status, or nullopt.
std::optional<int> WaitUntil(pid_t pid, Clock::time_point deadline) {
  while (true) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return std::nullopt;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void CollectDescendants(pid_t pid, std::vector<pid_t>* out) {
  for (pid_t child : Children(pid)) {
    out->push_back(child);
    CollectDescendants(child, out);
  }
}

// SIGKILLs pid and its descendants and reaps pid (the descendants, orphaned,
// are reaped by init).
void KillTree(pid_t pid) {
  std::vector<pid_t> descendants;
  CollectDescendants(pid, &descendants);
  kill(pid, SIGKILL);
  for (pid_t d : descendants) kill(d, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

std::string ReadAllFd(int fd) {
  std::string text;
  char chunk[4096];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0) text.append(chunk, static_cast<size_t>(n));
  return text;
}

}  // namespace

Json ParseJson(const std::string& text) {
  std::istringstream in(text);
  Json json;
  try {
    boost::property_tree::read_json(in, json);
  } catch (const boost::property_tree::json_parser_error& e) {
    throw std::runtime_error("not JSON (" + std::string(e.what()) + "): '" + text + "'");
  }
  return json;
}

std::string ToJsonText(const Json& json) {
  std::ostringstream out;
  boost::property_tree::write_json(out, json, /*pretty=*/false);
  std::string text = out.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::vector<Json> ArrayAt(const Json& json, const std::string& path) {
  std::vector<Json> items;
  if (auto array = json.get_child_optional(path)) {
    for (const auto& [key, value] : *array) items.push_back(value);
  }
  return items;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  // Both outputs go to unlinked temp files, so a chatty child cannot block
  // on a full pipe while we wait for it.
  auto temp_file = [] {
    char name[] = "/tmp/sandtab-run-XXXXXX";
    int fd = mkostemp(name, O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(ErrnoMessage("mkostemp"));
    unlink(name);
    return fd;
  };
  int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out = temp_file();
  int err = temp_file();
  pid_t pid = Spawn(argv, in, out, err);
  close(in);
  ProcessResult result;
  auto status = WaitUntil(pid, Clock::now() + timeout);
  if (!status) {
    result.timed_out = true;
    KillTree(pid);
  } else if (WIFEXITED(*status)) {
    result.exit_code = WEXITSTATUS(*status);
  } else if (WIFSIGNALED(*status)) {
    result.signal = WTERMSIG(*status);
  }
  lseek(out, 0, SEEK_SET);
  lseek(err, 0, SEEK_SET);
  result.stdout_text = ReadAllFd(out);
  result.stderr_text = ReadAllFd(err);
  close(out);
  close(err);
  return result;
}

ShellDriver::ShellDriver(Options options) : options_(std::move(options)) {
  signal(SIGPIPE, SIG_IGN);  // a dead shell must fail a write, not kill the test
  int to_child[2], from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) {
    throw std::runtime_error(ErrnoMessage("pipe2"));
  }
  int err = -1;
  if (!options_.stderr_path.empty()) {
    err = open(options_.stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (err < 0) throw std::runtime_error(ErrnoMessage("open " + options_.stderr_path));
  }
  std::vector<std::string> argv{options_.binary};
  argv.insert(argv.end(), options_.args.begin(), options_.args.end());
  try {
    pid_ = Spawn(argv, to_child[0], from_child[1], err);
  } catch (...) {
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1], err}) {
      if (fd >= 0) close(fd);
    }
    throw;
  }
  close(to_child[0]);
  close(from_child[1]);
  if (err >= 0) close(err);
  stdin_fd_ = to_child[1];
  stdout_fd_ = from_child[0];
}

ShellDriver::~ShellDriver() {
  if (pid_ > 0) Quit();
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool ShellDriver::WriteLine(const std::string& line) {
  std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(stdin_fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::optional<std::string> ShellDriver::ReadLine(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    int ready = poll(&p, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;  // timeout
    char chunk[65536];
    ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // EOF: the shell ended
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

std::string ShellDriver::CommandRaw(const std::string& line, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) throw std::runtime_error("shell not running; cannot send '" + line + "'");
  if (!WriteLine(line)) {
    throw std::runtime_error("shell stdin closed (did it exit?) sending '" + line + "'; stderr tail:\n" + StderrTail());
  }
  auto answer = ReadLine(timeout);
  if (!answer) {
    int status = 0;
    bool exited = waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited) pid_ = -1;
    throw std::runtime_error("no answer to '" + line + "' within " + std::to_string(timeout.count()) + " ms (" +
                             (exited ? "shell exited, status " + std::to_string(status) : "shell still running") +
                             "); stderr tail:\n" + StderrTail());
  }
  return *answer;
}

Json ShellDriver::Command(const std::string& line, std::chrono::milliseconds timeout) {
  std::string answer = CommandRaw(line, timeout);
  Json json = ParseJson(answer);
  if (json.empty() && json.data().empty()) {
    throw std::runtime_error("answer to '" + line + "' is not a JSON object: '" + answer + "'");
  }
  return json;
}

std::vector<Json> ShellDriver::CommandBatch(const std::vector<std::string>& lines, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) throw std::runtime_error("shell not running; cannot send a batch");
  for (const std::string& line : lines) {
    if (!WriteLine(line)) {
      throw std::runtime_error("shell stdin closed (did it exit?) sending '" + line + "'; stderr tail:\n" +
                               StderrTail());
    }
  }
  std::vector<Json> answers;
  for (const std::string& line : lines) {
    auto answer = ReadLine(timeout);
    if (!answer) {
      throw std::runtime_error("no answer to batched '" + line + "' within " + std::to_string(timeout.count()) +
                               " ms; stderr tail:\n" + StderrTail());
    }
    answers.push_back(ParseJson(*answer));
  }
  return answers;
}

std::optional<int> ShellDriver::Quit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  WriteLine("quit");
  if (stdin_fd_ >= 0) {
    close(stdin_fd_);  // EOF also asks the shell to end
    stdin_fd_ = -1;
  }
  auto status = WaitUntil(pid_, Clock::now() + timeout);
  if (!status) KillAndReap();
  pid_ = -1;
  return status;
}

void ShellDriver::KillAndReap() {
  if (pid_ > 0) KillTree(pid_);
  pid_ = -1;
}

std::string ShellDriver::StderrTail() const {
  if (options_.stderr_path.empty()) return "";
  std::ifstream in(options_.stderr_path);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 4096 ? all.substr(all.size() - 4096) : all;
}

}  // namespace sandtab::test
