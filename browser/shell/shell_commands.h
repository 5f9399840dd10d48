#ifndef SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_

#include <functional>
#include <string>

#include "browser/shell/command_table.h"
#include "browser/shell/fault_commands.h"
#include "browser/shell/report_commands.h"
#include "browser/shell/screenshot_commands.h"
#include "browser/shell/script_commands.h"
#include "browser/shell/shell_context.h"
#include "browser/shell/storage_commands.h"
#include "browser/shell/tab_commands.h"
#include "browser/shell/window_commands.h"

namespace sandtab::browser {

struct ShellServices;

// The shell's commands (names are the contract of DESIGN section 8): one
// table of every command (shell_commands.cc lists them in `help`'s order),
// each handled by the family it belongs to. Each answers through its
// callback, at once or later (`wait`), never blocking.
class ShellCommands {
 public:
  using Reply = CommandTable::Reply;

  explicit ShellCommands(ShellServices& services);

  void Run(const std::string& line, Reply reply) { table_.Run(line, std::move(reply)); }
  // For commands that answer at once (used for URLs given on the command line).
  CommandAnswer RunSync(const std::string& line);
  // Where a long command reports how far it got (an interactive shell's
  // stderr); none by default.
  void set_progress(ShellContext::Progress progress) { context_.set_progress(std::move(progress)); }

 private:
  using Args = CommandTable::Args;
  // The session's own commands.
  void Help(const Args& args, Reply reply);
  void Trace(const Args& args, Reply reply);
  void Quit(const Args& args, Reply reply);

  ShellContext context_;
  TabCommands tabs_{context_};
  FaultCommands faults_{context_};
  ReportCommands reports_{context_};
  ScreenshotCommands screenshots_{context_};
  ScriptCommands scripts_{context_};
  WindowCommands window_{context_};
  StorageCommands storage_{context_};
  CommandTable table_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_
