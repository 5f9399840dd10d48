#ifndef SANDTAB_BROWSER_SHELL_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_COMMANDS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sandtab::browser {

class Browser;
class Tab;

// One answer per command: text for people, one JSON object for --json.
struct CommandAnswer {
  bool ok = true;
  std::string text;  // the answer, or the error when !ok
  std::string json;  // the answer as one JSON object (ok only)
  bool quit = false;
  bool silent = false;  // nothing to print (an empty line)
};

// The shell's commands (names are the contract of DESIGN section 8). Each
// answers through its callback, at once or later (`wait`), never blocking.
class ShellCommands {
 public:
  using Reply = std::function<void(CommandAnswer)>;
  using Args = std::vector<std::string>;

  explicit ShellCommands(Browser& browser);

  void Run(const std::string& line, Reply reply);
  // For commands that answer at once (used for URLs given on the command line).
  CommandAnswer RunSync(const std::string& line);

 private:
  struct Command {
    std::string usage;
    std::string summary;
    std::function<void(const Args&, Reply)> run;
  };
  void Add(const std::string& name, std::string usage, std::string summary,
           std::function<void(const Args&, Reply)> run);
  void Register();
  // Parses args[index] as a tab id; replies with an error and returns null if it is not one.
  Tab* TabArg(const Args& args, size_t index, const Reply& reply);

  void Help(const Args&, Reply);
  void Open(const Args&, Reply);
  void Tabs(const Args&, Reply);
  void Ps(const Args&, Reply);
  void Wait(const Args&, Reply);
  void Screenshot(const Args&, Reply);
  void Stats(const Args&, Reply);
  void Sandbox(const Args&, Reply);
  void Deaths(const Args&, Reply);
  void Plugins(const Args&, Reply);
  void Broker(const Args&, Reply);

  Browser& browser_;
  std::map<std::string, Command> commands_;
  std::vector<std::string> order_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_COMMANDS_H_
