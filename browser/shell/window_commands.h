#ifndef SANDTAB_BROWSER_SHELL_WINDOW_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_WINDOW_COMMANDS_H_

#include "browser/shell/shell_context.h"

namespace sandtab::browser {

struct WindowState;

// The window's commands (DESIGN section 16), with --window: `window` (what
// it shows: size, active tab, address bar, task manager, sad tab) and
// `caption TEXT` (the narrated demo's line under the page). Without a
// window they answer an error that says how to get one.
class WindowCommands : public CommandFamily {
 public:
  explicit WindowCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Window(const Args& args, Reply reply);
  void Caption(const Args& args, Reply reply);
};

// The `window` answer, from the window's state (tested from values).
Report WindowReport(const WindowState& state);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_WINDOW_COMMANDS_H_
