#include "browser/shell/fault_commands.h"

#include "browser/loader/url.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/shell/report.h"
#include "browser/shell/shell_context.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/renderer_grants.h"
#include "browser/tab/tab.h"

namespace sandtab::browser {

void FaultCommands::Crash(const Args& args, Reply reply) {
  if (args.size() == 3 && args[1] == "plugin") {
    Status killed = shell_.services().plugins.KillPlugin(args[2]);
    if (!killed) return reply(Fail(killed.error()));
    Report report;
    report.Set("ok", true).Set("plugin", args[2]).AddLine("killed the " + args[2] + " plugin process");
    return reply(Answer(report));
  }
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->RunDebugUrl("about:crash");
    reply(TabAnswer(*tab, "sent about:crash to tab " + args[1]));
  }
}

void FaultCommands::Hang(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->RunDebugUrl("about:hang");
    reply(TabAnswer(*tab, "sent about:hang to tab " + args[1]));
  }
}

void FaultCommands::Debug(const Args& args, Reply reply) {
  auto url = ParseUrl(args[2]);
  if (!url || !IsDebugUrl(*url)) {
    return reply(Fail("usage: debug ID about:crash|abort|hang|oom|badmessage|exit|ptrace|threads"));
  }
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->RunDebugUrl(args[2]);
    reply(TabAnswer(*tab, "sent " + args[2] + " to tab " + args[1]));
  }
}

void FaultCommands::Kill(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    const pid_t pid = tab->pid();
    if (pid <= 0) return reply(Fail("tab " + args[1] + " has no live renderer"));
    tab->KillRenderer();
    reply(TabAnswer(*tab, "killed renderer " + std::to_string(pid) + " of tab " + args[1]));
  }
}

}  // namespace sandtab::browser
