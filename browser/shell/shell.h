#ifndef SANDTAB_BROWSER_SHELL_SHELL_H_
#define SANDTAB_BROWSER_SHELL_SHELL_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "browser/shell/shell_commands.h"

namespace sandtab::browser {

struct ShellServices;

// The browser shell (DESIGN section 8). One command per line, answered in
// order: the next line is read only after the previous answer is out, so a
// script that pipes commands in sees exactly one answer per command.
//
// Input is read on a thread of its own (readline on a terminal, plain lines
// otherwise, which also covers regular files that epoll cannot watch) and
// handed to the loop; commands run on the loop and never block it.
class Shell {
 public:
  using QuitCallback = std::function<void(int exit_code)>;

  explicit Shell(ShellServices& services);
  ~Shell();

  void Start(QuitCallback on_quit);

 private:
  void ReaderThread();
  void OnLine(const std::string& line);
  void OnEndOfInput();
  void Print(const CommandAnswer& answer);
  void RequestNextLine();

  ShellServices& services_;
  ShellCommands commands_;
  QuitCallback on_quit_;
  bool interactive_;
  bool json_;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  bool line_wanted_ = false;
  bool stopping_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_H_
