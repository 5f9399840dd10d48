#ifndef SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_

#include "browser/shell/shell_context.h"

namespace sandtab::browser {

// Faults made on purpose, to show what the browser does about them (DESIGN
// section 6): crash and hang a tab's renderer through its debug URLs, any
// other debug fault, SIGKILL from outside, and crashing a plugin process.
class FaultCommands : public CommandFamily {
 public:
  explicit FaultCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Crash(const Args& args, Reply reply);
  void Hang(const Args& args, Reply reply);
  void Debug(const Args& args, Reply reply);
  void Kill(const Args& args, Reply reply);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_FAULT_COMMANDS_H_
