#ifndef SANDTAB_BROWSER_SHELL_REPORT_COMMANDS_H_
#define SANDTAB_BROWSER_SHELL_REPORT_COMMANDS_H_

#include "browser/shell/shell_context.h"

namespace sandtab::browser {

// The reports: tabs, ps, stats, deaths, broker, plugins, sandbox. Each
// gathers its facts from the browser on the loop (and from /proc on the
// blocking worker where that is slow), then answers with the report its
// builder makes of them (process_reports.h, plugins_report.h).
class ReportCommands : public CommandFamily {
 public:
  explicit ReportCommands(ShellContext& shell) : CommandFamily(shell) {}

  void Tabs(const Args& args, Reply reply);
  void Ps(const Args& args, Reply reply);
  void Stats(const Args& args, Reply reply);
  void Deaths(const Args& args, Reply reply);
  void Broker(const Args& args, Reply reply);
  void Plugins(const Args& args, Reply reply);
  void Sandbox(const Args& args, Reply reply);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_REPORT_COMMANDS_H_
