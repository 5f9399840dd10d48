#include "lessons/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "base/errno_message.h"
#include "lessons/ipc_janitor.h"

namespace sandtab::lessons {
namespace {

UniqueFd OpenPidfd(pid_t pid) { return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0))); }

// In the child, before anything else: die with the lessons, and hear no
// Ctrl+C of its own (the parent's janitor decides when it ends).
void BecomeChild() {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGTERM, SIG_DFL);
}

int MillisLeft(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

}  // namespace

Result<ChildProcess> ChildProcess::Fork(IpcJanitor& janitor, const std::function<int()>& body) {
  std::fflush(nullptr);  // no buffered output printed twice
  const pid_t pid = ::fork();
  if (pid < 0) return Error{ErrnoMessage("fork")};
  if (pid == 0) {
    BecomeChild();
    const int code = body();
    std::fflush(nullptr);
    ::_exit(code);
  }
  janitor.TrackProcess(pid);
  return ChildProcess(janitor, pid, OpenPidfd(pid), UniqueFd(), UniqueFd());
}

Result<ChildProcess> ChildProcess::Run(IpcJanitor& janitor, const std::vector<std::string>& argv, Input input) {
  int out[2], in[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
  UniqueFd read_end(out[0]), write_end(out[1]);
  if (input == Input::kPipe && ::pipe2(in, O_CLOEXEC) != 0) return Error{ErrnoMessage("pipe2")};
  UniqueFd child_input(in[0]), our_input(in[1]);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return Error{ErrnoMessage("fork")};
  if (pid == 0) {
    BecomeChild();
    ::signal(SIGINT, SIG_DFL);  // a program's own Ctrl+C; the janitor still kills it
    int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(child_input.valid() ? child_input.get() : null_fd, 0);
    ::dup2(write_end.get(), 1);
    ::dup2(null_fd, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  janitor.TrackProcess(pid);
  return ChildProcess(janitor, pid, OpenPidfd(pid), std::move(read_end), std::move(our_input));
}

ChildProcess::ChildProcess(IpcJanitor& janitor, pid_t pid, UniqueFd pidfd, UniqueFd output, UniqueFd input)
    : janitor_(&janitor), pid_(pid), pidfd_(std::move(pidfd)), output_(std::move(output)), input_(std::move(input)) {}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : janitor_(other.janitor_),
      pid_(std::exchange(other.pid_, -1)),
      pidfd_(std::move(other.pidfd_)),
      output_(std::move(other.output_)),
      input_(std::move(other.input_)) {}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  janitor_->ForgetProcess(pid_);
}

Result<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return Error{"no child to wait for"};
  pollfd exited = {pidfd_.get(), POLLIN, 0};
  if (pidfd_.valid() && ::poll(&exited, 1, static_cast<int>(timeout.count())) == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    janitor_->ForgetProcess(std::exchange(pid_, -1));
    return Error{"the child did not end within " + std::to_string(timeout.count()) + " ms; killed"};
  }
  int status = 0;
  if (::waitpid(pid_, &status, 0) != pid_) return Error{ErrnoMessage("waitpid")};
  janitor_->ForgetProcess(std::exchange(pid_, -1));
  return status;
}

Result<std::string> ChildProcess::ReadOutput(std::chrono::milliseconds timeout) {
  if (!output_.valid()) return Error{"this child's output is not captured"};
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string text;
  char chunk[4096];
  for (;;) {
    pollfd readable = {output_.get(), POLLIN, 0};
    if (::poll(&readable, 1, MillisLeft(deadline)) == 0) return Error{"the child's output did not end in time"};
    const ssize_t got = ::read(output_.get(), chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return text;
    text.append(chunk, static_cast<size_t>(got));
  }
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exited " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")";
  }
  return "status " + std::to_string(status);
}

void PinToCpu(int cpu) {
  const int cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu % std::max(1, cpus), &set);
  sched_setaffinity(0, sizeof set, &set);
}

void AnyCpu() {
  cpu_set_t all;
  CPU_ZERO(&all);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) CPU_SET(cpu, &all);
  sched_setaffinity(0, sizeof all, &all);
}

}  // namespace sandtab::lessons
