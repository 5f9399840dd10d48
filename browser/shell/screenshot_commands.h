#ifndef SANDTAB_BROWSER_SHELL_SCREENSHOT_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_SCREENSHOT_COMMANDS_H_

#include <memory>
#include <optional>
#include <string>

#include "base/weak_anchor.h"
#include "browser/common/png_writer.h"
#include "browser/shell/shell_context.h"

namespace sandtab::browser {

// `screenshot ID|window|all FILE.png`: one tab composited with its plugins,
// the tab used last, or every tab labelled on a contact sheet. Drawing is on
// the loop; making the sheet's canvas and encoding the PNG are on the
// blocking worker, so frames keep being composited meanwhile.
class ScreenshotCommands : public CommandFamily {
 public:
  explicit ScreenshotCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Screenshot(const Args& args, Reply reply);

 private:
  struct SheetCounts {
    size_t tabs = 0;
    size_t blank = 0;
  };
  void ContactSheet(const std::string& path, Reply reply);
  // Encodes and writes `image` on the blocking worker, then answers.
  void Write(const std::string& path, Image image, std::optional<SheetCounts> sheet, Reply reply);

  // Callbacks that outlive a command (a sheet being drawn, a tab asked to
  // repaint) check this before touching `this`.
  WeakAnchor alive_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_SCREENSHOT_COMMANDS_H_
