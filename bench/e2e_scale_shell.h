// The scale run's shell rows (e2e_scale_shell.cc).
#ifndef SANDTAB_BENCH_E2E_SCALE_SHELL_H_
#define SANDTAB_BENCH_E2E_SCALE_SHELL_H_

#include "bench/e2e_driver.h"

namespace sandtab::bench {

// `tabs`, `stats`, `ps` and `screenshot all` with every tab of the scale
// run open, each run through ShellCommands::Run in this process, timed to
// its answer, with the longest single piece of work the browser's loop did
// meanwhile.
struct ScaleShellRows {
  Row tabs{"scale/tabs_command"};
  Row stats{"scale/stats_command"};
  Row ps{"scale/ps_command"};
  Row sheet{"scale/screenshot_all"};
};
void RunScaleShellRows(BrowserDriver& driver, const E2eOptions& options, ScaleShellRows* rows);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_E2E_SCALE_SHELL_H_
