#ifndef SANDTAB_BROWSER_SHELL_TAB_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_TAB_COMMANDS_H_

#include "browser/shell/shell_context.h"

namespace sandtab::browser {

// What the user does to a tab: open, nav, reload, back, forward, close,
// wait, click, scroll. Each parses its words, calls one Tab or TabManager
// method and answers with the tab's state.
class TabCommands : public CommandFamily {
 public:
  explicit TabCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Open(const Args& args, Reply reply);
  void Navigate(const Args& args, Reply reply);
  void Reload(const Args& args, Reply reply);
  void Back(const Args& args, Reply reply);
  void Forward(const Args& args, Reply reply);
  void Close(const Args& args, Reply reply);
  void Wait(const Args& args, Reply reply);
  void Click(const Args& args, Reply reply);
  void Scroll(const Args& args, Reply reply);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_TAB_COMMANDS_H_
