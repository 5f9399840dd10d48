#include "browser/shell/window_commands.h"

#include "browser/shell/report.h"
#include "browser/shell/shell_services.h"
#include "browser/window/window_controller.h"

namespace sandtab::browser {
namespace {

constexpr const char* kNoWindow = "no window: start sandtab with --window (under xvfb-run without a display)";
constexpr size_t kMaxCaptionBytes = 200;

ReportValue RectValue(const UiRect& rect) {
  return ReportValue::Object().Set("x", rect.x).Set("y", rect.y).Set("width", rect.width).Set("height", rect.height);
}

}  // namespace

Report WindowReport(const WindowState& state) {
  Report report;
  report.Set("width", state.width)
      .Set("height", state.height)
      .Set("active", state.active_tab)
      .Set("tabs", state.tabs)
      .Set("address", state.address)
      .Set("address_focused", state.address_focused)
      .Set("task_manager", state.task_manager)
      .Set("sad_tab", state.sad_tab)
      .Set("reload_button", RectValue(state.reload_button))
      .Set("task_manager_panel", RectValue(state.task_manager_panel))
      .Set("caption", state.caption)
      .Set("status", state.status)
      .Set("frames_drawn", static_cast<int64_t>(state.frames_drawn));
  report.AddLine("window " + std::to_string(state.width) + "x" + std::to_string(state.height) + ", " +
                 std::to_string(state.tabs) + " tabs, active " + std::to_string(state.active_tab) +
                 (state.sad_tab ? " (sad tab)" : "") + (state.task_manager ? ", task manager open" : ""));
  report.AddLine("status line: " + state.status);
  report.AddLine(std::string("address bar") + (state.address_focused ? " (editing): " : ": ") + state.address);
  return report;
}

void WindowCommands::Window(const Args&, Reply reply) {
  WindowController* window = shell_.services().window;
  if (!window) return reply(Fail(kNoWindow));
  reply(Answer(WindowReport(window->state())));
}

void WindowCommands::Caption(const Args& args, Reply reply) {
  WindowController* window = shell_.services().window;
  if (!window) return reply(Fail(kNoWindow));
  std::string caption = args.size() > 1 ? args[1] : "";
  if (caption.size() > kMaxCaptionBytes) return reply(Fail("a caption is at most 200 bytes"));
  window->SetCaption(caption);
  Report report;
  report.Set("ok", true).Set("caption", caption);
  reply(Answer(report.AddLine(caption.empty() ? "caption cleared" : "caption: " + caption)));
}

}  // namespace sandtab::browser
