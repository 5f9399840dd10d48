#include "browser/shell/command_table.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "browser/shell/report_formatter.h"

namespace sandtab::browser {
namespace {

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The words of `line`, and where each begins.
struct Words {
  CommandTable::Args words;
  std::vector<size_t> begins;
};

Words SplitWords(const std::string& line) {
  Words split;
  for (size_t i = 0; i < line.size();) {
    if (IsBlank(line[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < line.size() && !IsBlank(line[i])) ++i;
    split.words.push_back(line.substr(begin, i - begin));
    split.begins.push_back(begin);
  }
  return split;
}

// The line from word `index` on, without its trailing white space.
std::string RestOfLine(const std::string& line, const Words& split, size_t index) {
  std::string rest = line.substr(split.begins[index]);
  while (!rest.empty() && IsBlank(rest.back())) rest.pop_back();
  return rest;
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
  Words split = SplitWords(line);
  Args& args = split.words;
  if (args.empty() || args[0][0] == '#') {
    CommandAnswer answer;
    answer.silent = true;
    return reply(answer);
  }
  auto it = index_.find(args[0]);
  if (it == index_.end()) return reply(Fail("unknown command '" + args[0] + "' (try 'help')"));
  const Command& command = commands_[it->second];
  const size_t count = args.size() - 1;
  const bool takes_rest = command.last_takes_rest && count > command.max_args;
  if (count < command.min_args || (count > command.max_args && !takes_rest)) {
    return reply(Fail("usage: " + command.usage));
  }
  if (takes_rest) {
    std::string rest = RestOfLine(line, split, command.max_args);
    args.resize(command.max_args);
    args.push_back(std::move(rest));
  }
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
