#include "browser/shell/screenshot_commands.h"

#include <algorithm>
#include <vector>

#include "browser/common/browser_config.h"
#include "browser/compositor/compositor.h"
#include "browser/compositor/sheet_capture.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/shell/report.h"
#include "browser/shell/shell_context.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"
#include "browser/window/window_controller.h"

namespace sandtab::browser {

void ScreenshotCommands::Screenshot(const Args& args, Reply reply) {
  const std::string& path = args[2];
  if (Status writable = CheckPngWritable(path); !writable) return reply(Fail(writable.error()));
  if (args[1] == "all") return ContactSheet(path, std::move(reply));
  Tab* tab = nullptr;
  if (args[1] == "window" && shell_.services().window) {
    // Exactly what the window shows: its chrome, the page, any panel.
    return Write(path, shell_.services().window->Capture(), std::nullopt, reply);
  }
  if (args[1] == "window") {
    tab = shell_.ActiveTab();
    if (!tab) return reply(Fail("no tabs to take a screenshot of"));
  } else if (tab = shell_.TabArg(args, 1, reply); !tab) {
    return;
  }
  tab->MarkUsed();  // looked at
  ShellServices& services = shell_.services();
  auto compose = [this, &services, id = tab->id(), path, reply] {
    const Tab* tab = services.tabs.Find(id);
    if (!tab) return reply(Fail("the tab was closed"));
    Write(path, Compositor::ComposeTab(*tab, &services.plugins), std::nullopt, reply);
  };
  // A tab in the background has released its pixels: bring them back and
  // let its renderer repaint first (bounded).
  if (!tab->surface_released()) return compose();
  tab->WaitUntilPainted(5, [compose, alive = alive_.token()](bool) {
    if (alive.Alive()) compose();
  });
}

namespace {
constexpr int kContactSheetBatch = 6;
}  // namespace

void ScreenshotCommands::ContactSheet(const std::string& path, Reply reply) {
  ShellServices& services = shell_.services();
  std::vector<int> ids;
  for (const auto& [id, tab] : services.tabs.tabs()) ids.push_back(id);
  if (ids.empty()) return reply(Fail("no tabs to take a screenshot of"));
  SheetCapture::Options options;
  // A few tabs restored and painting at once, whatever the budget says: one
  // at a time would make 500 tabs 500 rounds.
  options.batch = static_cast<size_t>(std::max(kContactSheetBatch, services.config.max_surfaces));
  options.tab_width = services.config.window_width;
  options.tab_height = services.config.window_height;
  if (shell_.progress()) {
    options.progress = [progress = shell_.progress()](size_t drawn, size_t total) {
      progress("screenshot all: " + std::to_string(drawn) + " of " + std::to_string(total) + " tabs drawn");
    };
  }
  // The blank sheet (51 MB at 500 tabs) is made on the blocking worker;
  // the tabs are drawn on the loop (Pango), then encoded on the worker.
  const size_t count = ids.size();
  shell_.blocking().Run([count, options] { return SheetCapture::MakeCanvas(count, options); },
                        [this, &services, alive = alive_.token(), ids = std::move(ids), options, path,
                         reply](SheetCapture::Canvas canvas) mutable {
                          if (!alive.Alive()) return;
                          SheetCapture::Start(
                              services.tabs, &services.plugins, services.io, std::move(ids), std::move(canvas), options,
                              [this, alive, path, reply](SheetCapture::Sheet sheet) {
                                if (!alive.Alive()) return;
                                Write(path, std::move(sheet.image), SheetCounts{sheet.tabs, sheet.blank}, reply);
                              });
                        });
}

void ScreenshotCommands::Write(const std::string& path, Image image, std::optional<SheetCounts> sheet, Reply reply) {
  const int width = image.width, height = image.height;
  // libpng at level 6 takes ~40 ms for one tab here and seconds for a sheet
  // of hundreds: on the blocking worker, so frames keep being composited.
  shell_.blocking().Run([path, image = std::move(image)] { return WritePng(path, image); },
                        [path, width, height, sheet, reply](Status written) {
                          if (!written) return reply(Fail(written.error()));
                          Report report;
                          report.Set("ok", true).Set("path", path).Set("width", width).Set("height", height);
                          std::string text =
                              "wrote " + path + " (" + std::to_string(width) + "x" + std::to_string(height);
                          if (sheet) {
                            report.Set("tabs", sheet->tabs).Set("blank", sheet->blank);
                            text += ", " + std::to_string(sheet->tabs) + " tabs";
                            if (sheet->blank) {
                              text += ", " + std::to_string(sheet->blank) + " with nothing painted yet";
                            }
                          }
                          reply(Answer(report.AddLine(text + ")")));
                        });
}

}  // namespace sandtab::browser
