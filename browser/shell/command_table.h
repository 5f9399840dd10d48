#ifndef SANDTAB_BROWSER_SHELL_COMMAND_TABLE_H_
#define SANDTAB_BROWSER_SHELL_COMMAND_TABLE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "browser/shell/report.h"

namespace sandtab::browser {

// One answer per command: text for people, one JSON object for --json.
struct CommandAnswer {
  bool ok = true;
  std::string text;  // the answer, or the error when !ok
  std::string json;  // the answer as one JSON object (ok only)
  bool quit = false;
  bool silent = false;  // nothing to print (an empty line)
};

// A failed command: {"error": text}.
CommandAnswer Fail(std::string error);
// A report, rendered to both forms (report_formatter.h).
CommandAnswer Answer(const Report& report);

// The shell's commands, one row each: its name, its argument grammar (the
// usage line, which `help` shows and a wrong argument count answers), its
// help text and its handler. Run() splits a line into words, finds the
// command and checks the argument count, so a handler sees only a line
// whose count its grammar allows and checks what the words say.
class CommandTable {
 public:
  using Args = std::vector<std::string>;  // args[0] is the command's name
  using Reply = std::function<void(CommandAnswer)>;
  using Handler = std::function<void(const Args&, Reply)>;

  struct Command {
    std::string name;
    std::string usage;    // "wait ID [SECONDS]"
    size_t min_args = 0;  // words after the name
    size_t max_args = 0;
    std::string summary;
    Handler run;
    // The last word (the max_args-th) is the rest of the line as typed,
    // spaces included: `eval ID EXPR`.
    bool last_takes_rest = false;
  };

  // Commands are listed by `help` in the order they are added; each name once.
  void Add(Command command);

  // Answers through `reply`, at once or later (`wait`), never blocking. A
  // blank line or a '#' comment answers silently. Words are separated by
  // white space, except the rest of a line its command takes whole.
  void Run(const std::string& line, Reply reply) const;

  // `help`: every command's usage and summary.
  Report Help() const;
  const std::vector<Command>& commands() const { return commands_; }

 private:
  std::vector<Command> commands_;
  std::map<std::string, size_t, std::less<>> index_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_COMMAND_TABLE_H_
