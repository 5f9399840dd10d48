// The scale run's shell rows (e2e_scale_shell.cc).
#ifndef SANDTAB_BENCH_E2E_SCALE_SHELL_H_
#define SANDTAB_BENCH_E2E_SCALE_SHELL_H_

#include "bench/e2e_driver.h"

namespace sandtab::bench {

// `tabs`, `ps` and `screenshot all` with every tab of the scale run open,
// each run through ShellCommands::Run in this process, timed to its answer,
// with the longest single piece of work the browser's loop did meanwhile.
void RunScaleShellRows(BrowserDriver& driver, const E2eOptions& options, Row* tabs_row, Row* ps_row,
                       Row* sheet_row);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_E2E_SCALE_SHELL_H_
