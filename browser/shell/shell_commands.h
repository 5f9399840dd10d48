#ifndef SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "browser/common/blocking_worker.h"
#include "browser/common/png_writer.h"

namespace sandtab::browser {

struct ShellServices;
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

  explicit ShellCommands(ShellServices& services);

  void Run(const std::string& line, Reply reply);
  // For commands that answer at once (used for URLs given on the command line).
  CommandAnswer RunSync(const std::string& line);
  // Where a long command reports how far it got (an interactive shell's
  // stderr); none by default.
  void set_progress(std::function<void(const std::string&)> progress) { progress_ = std::move(progress); }

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

  struct SheetCounts {
    size_t tabs = 0;
    size_t blank = 0;
  };
  // Encodes and writes `image` on the blocking worker, then answers.
  void WriteScreenshot(const std::string& path, Image image, std::optional<SheetCounts> sheet, Reply reply);
  // The tab `screenshot window` shows is the one used last.
  void SetActiveTab(int id);

  ShellServices& services_;
  int active_tab_ = 0;
  std::map<std::string, Command> commands_;
  std::vector<std::string> order_;
  std::function<void(const std::string&)> progress_;
  // Callbacks that outlive a command (a sheet being drawn, a tab being
  // waited for) check this before touching `this`.
  std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
  // Reads /proc for `ps`, encodes and writes screenshots: slow work, off the
  // loop. Last, so it is gone (and calls no more replies) before the rest.
  BlockingWorker blocking_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SHELL_COMMANDS_H_
