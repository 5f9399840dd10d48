// The shell's `window` answer (DESIGN section 16), built from the window's
// state: the contract keys tests and the demo read, and its text.
#include <gtest/gtest.h>

#include "browser/shell/report_formatter.h"
#include "browser/shell/window_commands.h"
#include "browser/window/window_controller.h"

namespace sandtab::browser {
namespace {

TEST(WindowReportTest, NamesWhatTheWindowShowsAndWhereItsButtonsAre) {
  WindowState state;
  state.width = 800;
  state.height = 598;
  state.active_tab = 2;
  state.tabs = 3;
  state.address = "file:///pages/index.html";
  state.sad_tab = true;
  state.reload_button = {360, 400, 110, 34};
  state.frames_drawn = 7;
  state.status = "https://example.com/next";
  EXPECT_EQ(ReportJson(WindowReport(state)),
            R"({"width":800,"height":598,"active":2,"tabs":3,"address":"file:///pages/index.html",)"
            R"("address_focused":false,"task_manager":false,"sad_tab":true,)"
            R"("reload_button":{"x":360,"y":400,"width":110,"height":34},)"
            R"("task_manager_panel":{"x":0,"y":0,"width":0,"height":0},"caption":"",)"
            R"("status":"https://example.com/next","frames_drawn":7})");
  EXPECT_EQ(ReportText(WindowReport(state)),
            "window 800x598, 3 tabs, active 2 (sad tab)\nstatus line: https://example.com/next\n"
            "address bar: file:///pages/index.html");
}

TEST(WindowReportTest, ControlCharactersInTheAddressDoNotReachTheTerminal) {
  WindowState state;
  state.address_focused = true;
  state.address = "a\x1b[2Jb";
  EXPECT_EQ(ReportText(WindowReport(state)).find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace sandtab::browser
