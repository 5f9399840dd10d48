#ifndef SANDTAB_BROWSER_SHELL_SCRIPT_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_SCRIPT_COMMANDS_H_

#include <chrono>
#include <vector>

#include "browser/shell/report.h"
#include "browser/shell/shell_context.h"
#include "browser/tab/console_log.h"
#include "browser/tab/renderer_host.h"

namespace sandtab::browser {

// The page's scripts from the shell (DESIGN section 13): `eval ID EXPR`,
// `console ID [N]`, `key ID KEY`. Eval answers when the page does (or
// TabScripts gives up), asynchronously, the way `wait` does.
class ScriptCommands : public CommandFamily {
 public:
  // `console`'s default and largest N (the console keeps 1000 lines).
  static constexpr long kDefaultConsoleLines = 50;

  explicit ScriptCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Eval(const Args& args, Reply reply);
  void Console(const Args& args, Reply reply);
  void Key(const Args& args, Reply reply);
};

// {"result": VALUE}: the page's JSON spliced in as it is when it is JSON,
// else its string form as a JSON string; the text is the value.
Report EvalReport(const EvalAnswer& answer);
// {"console": [{"level", "text", "source", "navigation", "time_ms"}, ...]},
// oldest first; the text one line each: "[level] text (source)".
Report ConsoleReport(const std::vector<ConsoleLine>& lines);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SCRIPT_COMMANDS_H_
