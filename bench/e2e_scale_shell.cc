// The shell at scale: a command that did its work on the browser's loop
// would hold up every tab's frames, pings and deaths for as long as it ran
// (`ps` read 500 processes' /proc there, ~0.3 s). So each row has, beside
// the time to the answer, the loop's longest single handler meanwhile (the
// command's own call included), in CPU time of the loop's thread: the run
// pins everything to one core, so a wall clock would also count the
// renderers repainting meanwhile.
#include "bench/e2e_scale_shell.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "browser/shell/shell_commands.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::bench {

void RunScaleShellRows(BrowserDriver& driver, const E2eOptions& options, ScaleShellRows* rows) {
  browser::Browser& browser = driver.browser();
  browser::ShellServices services = browser.shell_services();
  browser::ShellCommands commands(services);
  const int tab_count = static_cast<int>(browser.tabs().tabs().size());
  const std::string sheet_path =
      (std::filesystem::temp_directory_path() / ("sandtab-bench-sheet-" + std::to_string(::getpid()) + ".png"))
          .string();
  struct Command {
    Row* row;
    std::string line;
    int count;
  };
  const Command commands_to_time[] = {{&rows->tabs, "tabs", options.Count(20, 2)},
                                      {&rows->stats, "stats", options.Count(20, 2)},
                                      {&rows->ps, "ps", options.Count(20, 2)},
                                      {&rows->sheet, "screenshot all " + sheet_path, options.Count(3, 1)}};
  for (const Command& command : commands_to_time) {
    Samples samples, longest_handler;
    size_t bytes = 0;
    int peak_held = 0;
    std::string answer_json;
    for (int i = 0; i < command.count; ++i) {
      bool answered = false, ok = false;
      const auto start = Clock::now();
      double handler_start = CpuMicros(CLOCK_THREAD_CPUTIME_ID);
      commands.Run(command.line, [&](browser::CommandAnswer answer) {
        answered = true;
        ok = answer.ok;
        bytes = answer.json.size();
        answer_json = answer.ok ? answer.json : answer.text;
      });
      double longest = CpuMicros(CLOCK_THREAD_CPUTIME_ID) - handler_start;
      // One handler at a time until the answer (bounded); the surfaces held
      // are looked at every 5 ms, not after every handler.
      auto next_look = Clock::now();
      const auto deadline = Clock::now() + std::chrono::seconds(60);
      while (!answered && Clock::now() < deadline) {
        handler_start = CpuMicros(CLOCK_THREAD_CPUTIME_ID);
        browser.io().run_one_for(std::chrono::milliseconds(100));
        longest = std::max(longest, CpuMicros(CLOCK_THREAD_CPUTIME_ID) - handler_start);
        if (Clock::now() >= next_look) {
          peak_held = std::max(peak_held, browser.tabs().SurfacesHeld());
          next_look = Clock::now() + std::chrono::milliseconds(5);
        }
      }
      const bool in_time = answered;
      if (!in_time || !ok) {
        command.row->error = command.line + (in_time ? " failed: " + answer_json : " did not answer within 60 s");
        break;
      }
      samples.Add(MicrosSince(start));
      longest_handler.Add(longest);
    }
    command.row->SetSamples("", samples)
        .SetSamples("longest_handler_", longest_handler)
        .Set("json_bytes", static_cast<double>(bytes))
        .Set("tabs", tab_count);
    if (command.row == &rows->sheet) {
      std::error_code ignored;
      const auto file_bytes = std::filesystem::file_size(sheet_path, ignored);
      command.row->Set("png_bytes", ignored ? 0 : static_cast<double>(file_bytes))
          .Set("peak_surfaces_held", peak_held)
          .Set("surfaces_held_after", browser.tabs().SurfacesHeld())
          .Set("max_surfaces", browser.config().max_surfaces);
      // The answer names the sheet's size and how many cells had nothing to show.
      for (const char* key : {"\"width\":", "\"height\":", "\"blank\":"}) {
        const size_t at = answer_json.find(key);
        if (at != std::string::npos) {
          std::string name(key + 1, std::strlen(key) - 3);
          command.row->Set(name, std::strtod(answer_json.c_str() + at + std::strlen(key), nullptr));
        }
      }
      std::filesystem::remove(sheet_path, ignored);
    }
  }
}

}  // namespace sandtab::bench
