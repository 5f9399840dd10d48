#include "browser/shell/command_table.h"

#include <algorithm>
#include <sstream>
#include <utility>

#include "browser/shell/report_formatter.h"

namespace sandtab::browser {
namespace {

CommandTable::Args SplitArgs(const std::string& line) {
  std::istringstream stream(line);
  CommandTable::Args args;
  for (std::string word; stream >> word;) args.push_back(word);
  return args;
}

// Help's usage column: wide enough for every usage, never cut.
constexpr size_t kUsageWidth = 36;

}  // namespace

CommandAnswer Fail(std::string error) {
  CommandAnswer answer;
  answer.ok = false;
  answer.text = std::move(error);
  return answer;
}

CommandAnswer Answer(const Report& report) {
  CommandAnswer answer;
  answer.text = ReportText(report);
  answer.json = ReportJson(report);
  return answer;
}

void CommandTable::Add(Command command) {
  index_[command.name] = commands_.size();
  commands_.push_back(std::move(command));
}

void CommandTable::Run(const std::string& line, Reply reply) const {
  Args args = SplitArgs(line);
  if (args.empty() || args[0][0] == '#') {
    CommandAnswer answer;
    answer.silent = true;
    return reply(answer);
  }
  auto it = index_.find(args[0]);
  if (it == index_.end()) return reply(Fail("unknown command '" + args[0] + "' (try 'help')"));
  const Command& command = commands_[it->second];
  const size_t count = args.size() - 1;
  if (count < command.min_args || count > command.max_args) return reply(Fail("usage: " + command.usage));
  command.run(args, std::move(reply));
}

Report CommandTable::Help() const {
  Report report;
  report.AddLine("commands:");
  ReportValue list = ReportValue::Array();
  for (const Command& command : commands_) {
    std::string usage = command.usage;
    usage.resize(std::max(usage.size(), kUsageWidth), ' ');
    report.AddLine("  " + usage + command.summary);
    list.Append(
        ReportValue::Object().Set("name", command.name).Set("usage", command.usage).Set("summary", command.summary));
  }
  report.Set("commands", std::move(list));
  return report;
}

}  // namespace sandtab::browser
