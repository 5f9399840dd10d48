#ifndef SANDTAB_BROWSER_SHELL_SHELL_CONTEXT_H_
#define SANDTAB_BROWSER_SHELL_SHELL_CONTEXT_H_

#include <functional>
#include <string>

#include "browser/common/blocking_worker.h"
#include "browser/shell/command_table.h"

namespace sandtab::browser {

struct ShellServices;
class Tab;

// {"ok": true, "id", "pid", "state", "url"} and `text`: the answer of a
// command that acts on one tab.
CommandAnswer TabAnswer(const Tab& tab, std::string text);

// What every family of commands shares: the browser's services, the tab the
// user used last, where long commands report progress, and the worker for
// slow work (/proc reads, PNG encoding) off the loop.
class ShellContext {
 public:
  using Progress = std::function<void(const std::string&)>;

  explicit ShellContext(ShellServices& services);

  ShellServices& services() { return services_; }

  // Parses args[index] as a tab id and finds the tab, which becomes the one
  // used last; else replies with an error and returns null.
  Tab* TabArg(const CommandTable::Args& args, size_t index, const CommandTable::Reply& reply);
  void SetActiveTab(int id);
  // The tab `screenshot window` shows: the one used last, else the newest
  // (null when there is none).
  Tab* ActiveTab();

  // Where a long command reports how far it got (an interactive shell's
  // stderr); none by default.
  const Progress& progress() const { return progress_; }
  void set_progress(Progress progress) { progress_ = std::move(progress); }

  BlockingWorker& blocking() { return blocking_; }

 private:
  ShellServices& services_;
  int active_tab_ = 0;
  Progress progress_;
  BlockingWorker blocking_;
};

// A family of commands (tab_commands.h, ...): handlers that share the
// shell's context, listed in the one table by shell_commands.cc.
class CommandFamily {
 public:
  using Args = CommandTable::Args;
  using Reply = CommandTable::Reply;

 protected:
  explicit CommandFamily(ShellContext& shell) : shell_(shell) {}
  ShellContext& shell_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_CONTEXT_H_
