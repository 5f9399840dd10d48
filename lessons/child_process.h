#ifndef SANDTAB_LESSONS_CHILD_PROCESS_H_
#define SANDTAB_LESSONS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace sandtab::lessons {

class IpcJanitor;

// One process a lesson starts: a fork running a function (the course's
// examples), or a program (sandtab-exec, strace). It dies with this process
// (PR_SET_PDEATHSIG), the janitor kills it on Ctrl+C, and the destructor
// kills and reaps it if nobody waited: a lesson never leaves one behind.
class ChildProcess {
 public:
  // fork(); the child runs `body` and exits with what it returns.
  static Result<ChildProcess> Fork(IpcJanitor& janitor, const std::function<int()>& body);
  // fork() + execv(argv[0], argv); its standard output comes back through
  // a pipe (ReadOutput, output_fd), its standard error goes to /dev/null,
  // its standard input is /dev/null or, with `Input::kPipe`, a pipe from us
  // (input_fd).
  enum class Input { kNull, kPipe };
  static Result<ChildProcess> Run(IpcJanitor& janitor, const std::vector<std::string>& argv,
                                  Input input = Input::kNull);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // The exit status as waitpid gives it, or an error after `timeout` (the
  // child is then killed and reaped).
  Result<int> Wait(std::chrono::milliseconds timeout);
  // Everything the program wrote to standard output until it closed it
  // (bounded by `timeout`); Run() only.
  Result<std::string> ReadOutput(std::chrono::milliseconds timeout);
  // Run() only: the pipes themselves, for a conversation (BrowserSession).
  int output_fd() const { return output_.get(); }
  int input_fd() const { return input_.get(); }
  void CloseInput() { input_ = UniqueFd(); }

 private:
  ChildProcess(IpcJanitor& janitor, pid_t pid, UniqueFd pidfd, UniqueFd output, UniqueFd input);

  IpcJanitor* janitor_;
  pid_t pid_;
  UniqueFd pidfd_;
  UniqueFd output_, input_;
};

// Keeps the calling process on one CPU (`cpu` modulo the CPUs online), as
// the race and the comparison need (DESIGN section 9: pin, compare like
// with like); AnyCpu() undoes it.
void PinToCpu(int cpu);
void AnyCpu();

// "exited 0", "killed by signal 9 (Killed)": a wait status in words.
std::string DescribeWaitStatus(int status);

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_CHILD_PROCESS_H_
