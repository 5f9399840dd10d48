#ifndef SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_

#include "browser/shell/command_table.h"

namespace sandtab::browser {

class ShellContext;

// Faults made on purpose, to show what the browser does about them (DESIGN
// section 6): crash and hang a tab's renderer through its debug URLs, any
// other debug fault, SIGKILL from outside, and crashing a plugin process.
class FaultCommands {
 public:
  using Args = CommandTable::Args;
  using Reply = CommandTable::Reply;

  explicit FaultCommands(ShellContext& shell) : shell_(shell) {}

  void Crash(const Args& args, Reply reply);
  void Hang(const Args& args, Reply reply);
  void Debug(const Args& args, Reply reply);
  void Kill(const Args& args, Reply reply);

 private:
  ShellContext& shell_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_
