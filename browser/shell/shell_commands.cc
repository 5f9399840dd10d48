#include "browser/shell/shell_commands.h"

#include "browser/common/trace_recorder.h"
#include "browser/shell/report.h"
#include "browser/shell/shell_services.h"

namespace sandtab::browser {
namespace {

// A handler that calls `method` of `family`.
template <typename Family>
CommandTable::Handler On(Family& family, void (Family::*method)(const CommandTable::Args&, CommandTable::Reply)) {
  return [&family, method](const CommandTable::Args& args, CommandTable::Reply reply) {
    (family.*method)(args, std::move(reply));
  };
}

}  // namespace

ShellCommands::ShellCommands(ShellServices& services) : context_(services) {
  // name, usage (the argument grammar), words after the name (min, max), help text, handler.
  table_.Add({"help", "help", 0, 0, "this list", On(*this, &ShellCommands::Help)});
  table_.Add(
      {"open", "open URL", 1, 1, "new tab with its own renderer; answers the tab id", On(tabs_, &TabCommands::Open)});
  table_.Add({"nav", "nav ID URL", 2, 2, "navigate a tab", On(tabs_, &TabCommands::Navigate)});
  table_.Add({"reload", "reload ID", 1, 1, "reload (also restarts a tab stopped by a crash loop)",
              On(tabs_, &TabCommands::Reload)});
  table_.Add({"back", "back ID", 1, 1, "go back in the tab's history", On(tabs_, &TabCommands::Back)});
  table_.Add({"forward", "forward ID", 1, 1, "go forward in the tab's history", On(tabs_, &TabCommands::Forward)});
  table_.Add(
      {"close", "close ID", 1, 1, "close a tab; its renderer is killed and reaped", On(tabs_, &TabCommands::Close)});
  table_.Add({"tabs", "tabs", 0, 0, "every tab: id, state, url, title, pid, crashes, last death",
              On(reports_, &ReportCommands::Tabs)});
  table_.Add({"ps", "ps", 0, 0, "task manager: pid, type, tab, memory, CPU, state, sandboxed",
              On(reports_, &ReportCommands::Ps)});
  table_.Add({"wait", "wait ID [SECONDS]", 1, 2, "until the tab is loaded and painted", On(tabs_, &TabCommands::Wait)});
  table_.Add({"crash", "crash ID | crash plugin NAME", 1, 2,
              "make the tab's renderer segfault (about:crash), or kill a plugin process",
              On(faults_, &FaultCommands::Crash)});
  table_.Add({"hang", "hang ID", 1, 1, "make the tab's renderer loop forever (about:hang)",
              On(faults_, &FaultCommands::Hang)});
  table_.Add({"debug", "debug ID about:FAULT", 2, 2,
              "a fault in the renderer, keeping the tab's URL: crash abort hang oom badmessage exit ptrace threads",
              On(faults_, &FaultCommands::Debug)});
  table_.Add({"kill", "kill ID", 1, 1, "SIGKILL the tab's renderer from outside", On(faults_, &FaultCommands::Kill)});
  table_.Add({"click", "click ID X Y", 3, 3, "click at viewport coordinates", On(tabs_, &TabCommands::Click)});
  table_.Add(
      {"scroll", "scroll ID DY", 2, 2, "scroll the tab's viewport by DY pixels", On(tabs_, &TabCommands::Scroll)});
  table_.Add({"eval", "eval ID EXPR", 2, 2,
              "evaluate EXPR (the rest of the line) in the tab's page; answers its value (JSON when it has one)",
              On(scripts_, &ScriptCommands::Eval), /*last_takes_rest=*/true});
  table_.Add({"console", "console ID [N]", 1, 2, "the tab's last N console lines (default 50), oldest first",
              On(scripts_, &ScriptCommands::Console)});
  table_.Add({"key", "key ID KEY", 2, 2, "press KEY in the tab (a DOM key name: a, Enter, ArrowUp)",
              On(scripts_, &ScriptCommands::Key)});
  table_.Add({"cookies", "cookies [URL]", 0, 1, "the cookies a navigation to URL would send, or every cookie by site",
              On(storage_, &StorageCommands::Cookies)});
  table_.Add({"storage", "storage SITE", 1, 1, "the localStorage keys and sizes of SITE's origins",
              On(storage_, &StorageCommands::Storage)});
  table_.Add({"plugins", "plugins", 0, 0, "plugin processes: type, pid, instances per tab, frames, state",
              On(reports_, &ReportCommands::Plugins)});
  table_.Add({"screenshot", "screenshot ID|window|all FILE.png", 2, 2,
              "write a PNG (all: every tab, labelled, in a grid)", On(screenshots_, &ScreenshotCommands::Screenshot)});
  table_.Add({"window", "window", 0, 0, "with --window: its size, active tab, address bar, task manager, sad tab",
              On(window_, &WindowCommands::Window)});
  table_.Add({"caption", "caption [TEXT]", 0, 1, "with --window: a caption line under the page (none: cleared)",
              On(window_, &WindowCommands::Caption), /*last_takes_rest=*/true});
  table_.Add({"sandbox", "sandbox ID", 1, 1, "measured sandbox state of the tab's renderer, with live probes",
              On(reports_, &ReportCommands::Sandbox)});
  table_.Add({"stats", "stats", 0, 0, "live processes, fds, memfds, shared bytes, residue counts",
              On(reports_, &ReportCommands::Stats)});
  table_.Add(
      {"deaths", "deaths", 0, 0, "the death records of every child that ended", On(reports_, &ReportCommands::Deaths)});
  table_.Add({"broker", "broker [N]", 0, 1, "the last N resource-loader decisions (default 20)",
              On(reports_, &ReportCommands::Broker)});
  table_.Add({"trace", "trace start|stop FILE.json", 1, 2, "record what the browser sees (Chrome trace-event format)",
              On(*this, &ShellCommands::Trace)});
  table_.Add({"quit", "quit", 0, 0, "close every tab and exit", On(*this, &ShellCommands::Quit)});
}

CommandAnswer ShellCommands::RunSync(const std::string& line) {
  CommandAnswer result = Fail("command did not answer at once");
  Run(line, [&](CommandAnswer answer) { result = std::move(answer); });
  return result;
}

void ShellCommands::Help(const Args&, Reply reply) { reply(Answer(table_.Help())); }

void ShellCommands::Trace(const Args& args, Reply reply) {
  TraceRecorder& trace = context_.services().trace;
  if (args.size() == 2 && args[1] == "start") {
    trace.Start();
    Report report;
    return reply(Answer(report.Set("ok", true).Set("tracing", true).AddLine("tracing")));
  }
  if (args.size() != 3 || args[1] != "stop") return reply(Fail("usage: trace start | trace stop FILE.json"));
  const size_t events = trace.events();
  Status written = trace.StopAndWrite(args[2]);
  if (!written) return reply(Fail(written.error()));
  Report report;
  report.Set("ok", true).Set("path", args[2]).Set("events", events);
  reply(Answer(report.AddLine("wrote " + args[2] + " (" + std::to_string(events) + " events)")));
}

void ShellCommands::Quit(const Args&, Reply reply) {
  Report report;
  CommandAnswer answer = Answer(report.Set("ok", true).Set("quit", true).AddLine("bye"));
  answer.quit = true;
  reply(answer);
}

}  // namespace sandtab::browser
