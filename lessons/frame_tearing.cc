#include "lessons/frame_tearing.h"

#include <unistd.h>

#include <vector>

#include "lessons/browser_session.h"
#include "lessons/ipc_janitor.h"
#include "lessons/torn_frame_counter.h"

namespace sandtab::lessons {

Result<FrameTearing::Count> FrameTearing::Capture(bool single_buffer, int max_frames, int enough_torn,
                                                  std::chrono::seconds budget) {
  std::vector<std::string> flags = {"--window-size=640,480"};
  if (single_buffer) flags.push_back("--unsafe-single-buffer");
  ASSIGN_OR_RETURN(BrowserSession browser, BrowserSession::Start(janitor_, bin_dir_, flags), "starting sandtab");
  ASSIGN_OR_RETURN(std::string opened, browser.Command("open lesson-tearing.html"));
  const std::string id = JsonField(opened, "id");
  TRY(browser.Command("wait " + id + " 20", std::chrono::seconds(30)));
  const std::string shot = janitor_.folder().File("frame.png");
  TornFrameCounter counter(kStripes);
  const auto deadline = std::chrono::steady_clock::now() + budget;
  while (counter.frames() < max_frames && counter.torn() < enough_torn && std::chrono::steady_clock::now() < deadline) {
    TRY(browser.Command("screenshot " + id + " " + shot));
    TRY(counter.AddScreenshot(shot));
  }
  return Count{counter.frames(), counter.torn(), counter.distinct_frames()};
}

}  // namespace sandtab::lessons
