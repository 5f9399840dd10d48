#include "browser/shell/command_table.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "browser/shell/report_formatter.h"

namespace sandtab::browser {
namespace {

// A table of three commands that record what their handler saw.
class CommandTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    table_.Add({"open", "open URL", 1, 1, "new tab", Record()});
    table_.Add({"wait", "wait ID [SECONDS]", 1, 2, "until painted", Record()});
    table_.Add({"tabs", "tabs", 0, 0, "every tab", Record()});
  }

  CommandTable::Handler Record() {
    return [this](const CommandTable::Args& args, CommandTable::Reply reply) {
      seen_.push_back(args);
      CommandAnswer answer;
      answer.text = "ran " + args[0];
      reply(answer);
    };
  }

  CommandAnswer Run(const std::string& line) {
    std::optional<CommandAnswer> answer;
    table_.Run(line, [&](CommandAnswer a) { answer = std::move(a); });
    EXPECT_TRUE(answer.has_value()) << "no answer to '" << line << "'";
    return answer.value_or(Fail("no answer"));
  }

  CommandTable table_;
  std::vector<CommandTable::Args> seen_;
};

TEST_F(CommandTableTest, RunsTheNamedCommandWithItsWords) {
  CommandAnswer answer = Run("  wait   3  2.5 ");
  EXPECT_TRUE(answer.ok);
  EXPECT_EQ(answer.text, "ran wait");
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0], (CommandTable::Args{"wait", "3", "2.5"}));
}

TEST_F(CommandTableTest, AnUnknownCommandIsAnErrorThatPointsToHelp) {
  CommandAnswer answer = Run("frobnicate 1");
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(answer.text, "unknown command 'frobnicate' (try 'help')");
  EXPECT_TRUE(seen_.empty());
}

TEST_F(CommandTableTest, AWrongArgumentCountAnswersTheUsageLine) {
  for (const char* line : {"open", "open a b", "wait", "wait 1 2 3", "tabs all"}) {
    CommandAnswer answer = Run(line);
    EXPECT_FALSE(answer.ok) << line;
    const std::string name = std::string(line).substr(0, 4);
    const std::string usage = name == "open"   ? "usage: open URL"
                              : name == "wait" ? "usage: wait ID [SECONDS]"
                                               : "usage: tabs";
    EXPECT_EQ(answer.text, usage) << line;
  }
  EXPECT_TRUE(seen_.empty()) << "a handler ran with a count its grammar does not allow";
  // Each end of the range is allowed.
  EXPECT_TRUE(Run("wait 1").ok);
  EXPECT_TRUE(Run("wait 1 5").ok);
  EXPECT_EQ(seen_.size(), 2u);
}

TEST_F(CommandTableTest, BlankLinesAndCommentsAnswerSilently) {
  for (const char* line : {"", "   ", "# open x", "#"}) {
    CommandAnswer answer = Run(line);
    EXPECT_TRUE(answer.ok) << "'" << line << "'";
    EXPECT_TRUE(answer.silent) << "'" << line << "'";
  }
  EXPECT_TRUE(seen_.empty());
}

TEST_F(CommandTableTest, HelpListsEveryCommandInOrder) {
  Report help = table_.Help();
  EXPECT_EQ(ReportText(help),
            "commands:\n"
            "  open URL                            new tab\n"
            "  wait ID [SECONDS]                   until painted\n"
            "  tabs                                every tab");
  EXPECT_EQ(ReportJson(help), R"({"commands":[{"name":"open","usage":"open URL","summary":"new tab"},)"
                              R"({"name":"wait","usage":"wait ID [SECONDS]","summary":"until painted"},)"
                              R"({"name":"tabs","usage":"tabs","summary":"every tab"}]})");
}

TEST_F(CommandTableTest, AnAnswerCarriesBothFormsOfItsReport) {
  Report report;
  report.Set("id", 3).AddLine("3");
  CommandAnswer answer = Answer(report);
  EXPECT_TRUE(answer.ok);
  EXPECT_EQ(answer.text, "3");
  EXPECT_EQ(answer.json, R"({"id":3})");
}

TEST_F(CommandTableTest, ACommandTakingTheRestOfTheLineGetsItAsTyped) {
  table_.Add({"eval", "eval ID EXPR", 2, 2, "evaluate", Record(), /*last_takes_rest=*/true});
  EXPECT_TRUE(Run("eval 1 1+2").ok);
  EXPECT_TRUE(Run("  eval  2   document.title  +  ' x  y'  \t ").ok);
  ASSERT_EQ(seen_.size(), 2u);
  EXPECT_EQ(seen_[0], (CommandTable::Args{"eval", "1", "1+2"}));
  EXPECT_EQ(seen_[1], (CommandTable::Args{"eval", "2", "document.title  +  ' x  y'"}));
  // The words before the rest still count.
  CommandAnswer answer = Run("eval 1");
  EXPECT_FALSE(answer.ok);
  EXPECT_EQ(answer.text, "usage: eval ID EXPR");
  EXPECT_EQ(seen_.size(), 2u);
}

}  // namespace
}  // namespace sandtab::browser
