#include "browser/shell/script_commands.h"

#include "browser/common/parse_int.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {

Report EvalReport(const EvalAnswer& answer) {
  Report report;
  report.Set("result", answer.value_is_json ? ReportValue::CheckedJson(answer.value) : ReportValue(answer.value));
  report.AddLine(answer.value);
  return report;
}

Report ConsoleReport(const std::vector<ConsoleLine>& lines) {
  Report report;
  ReportValue list = ReportValue::Array();
  for (const ConsoleLine& line : lines) {
    const auto since_epoch = line.time.time_since_epoch();
    list.Append(ReportValue::Object()
                    .Set("level", line.level)
                    .Set("text", line.text)
                    .Set("source", line.source)
                    .Set("navigation", line.navigation_id)
                    .Set("time_ms", std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count()));
    std::string text = "[" + line.level + "] " + line.text;
    if (!line.source.empty()) text += " (" + line.source + ")";
    report.AddLine(std::move(text));
  }
  report.Set("console", std::move(list));
  return report.WhenEmpty("no console lines");
}

void ScriptCommands::Eval(const Args& args, Reply reply) {
  Tab* tab = shell_.TabArg(args, 1, reply);
  if (!tab) return;
  tab->MarkUsed();
  // The answer comes later: from the page, or TabScripts's error (renderer
  // gone, timed out, navigated). It holds nothing of the tab's.
  tab->Evaluate(args[2], [reply](Result<EvalAnswer> answer) {
    if (!answer) return reply(Fail(answer.error()));
    if (!answer->ok) return reply(Fail(answer->error));
    reply(Answer(EvalReport(*answer)));
  });
}

void ScriptCommands::Console(const Args& args, Reply reply) {
  long count = kDefaultConsoleLines;
  if (args.size() == 3 && !ParseInt(args[2], 1, static_cast<long>(ConsoleLog::kDefaultCapacity), &count)) {
    return reply(Fail("console: N must be a whole number in [1, 1000]"));
  }
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    reply(Answer(ConsoleReport(tab->console().Last(static_cast<size_t>(count)))));
  }
}

void ScriptCommands::Key(const Args& args, Reply reply) {
  if (Tab* tab = shell_.TabArg(args, 1, reply)) {
    tab->MarkUsed();
    if (Status pressed = tab->PressKey(args[2]); !pressed) return reply(Fail("key: " + pressed.error()));
    reply(TabAnswer(*tab, "pressed " + args[2] + " in tab " + args[1]));
  }
}

}  // namespace sandtab::browser
