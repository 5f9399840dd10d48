// DESIGN section 8: every input line gets exactly one JSON object; a failed
// command answers {"error": ...} and the shell goes on.
#include "tests/integration/integration_fixture.h"

#include <set>
#include <string>

namespace sandtab::integration {
namespace {

class ShellInputTest : public ShellTest {};

TEST_F(ShellInputTest, BadInputAnswersAnErrorAndTheShellGoesOn) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  const char* bad[] = {
      "frobnicate",                           // unknown command
      "close 999",                            // no such tab
      "wait 999",                             // no such tab
      "wait 999 1",                           //
      "nav abc index.html",                   // id not a number
      "kill -1",                              //
      "crash 0",                              //
      "open",                                 // missing argument
      "click 1",                              // missing coordinates
      "scroll 1 lots",                        // not a number
      "screenshot 1",                         // missing file
      "screenshot 1 /nonexistent-dir/x.png",  // unwritable
      "sandbox 12345678901234567890",         // overflowing id
  };
  for (const char* line : bad) {
    Json answer = Cmd(line);
    EXPECT_TRUE(IsError(answer)) << "'" << line << "' answered " << ToJsonText(answer);
    EXPECT_FALSE(answer.get<std::string>("error", "").empty()) << line;
  }
  // Still answering, nothing died, the tab unharmed.
  Json now = Tab(tab.id);
  EXPECT_EQ(now.get<pid_t>("pid"), tab.pid);
  EXPECT_EQ(now.get<std::string>("state"), "loaded");
  EXPECT_EQ(Ok("stats").get<int>("deaths"), 0);
  EXPECT_GT(Open(kTable.file).id, tab.id);
}

TEST_F(ShellInputTest, OutOfRangeNumbersAreErrorsThatSayTheRange) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  const std::string id = std::to_string(tab.id);
  EXPECT_EQ(Cmd("scroll " + id + " 25000000").get<std::string>("error", ""),
            "scroll: DY must be a whole number in [-1000000, 1000000]");
  EXPECT_EQ(Cmd("click " + id + " -5 10").get<std::string>("error", ""),
            "click: X and Y must be whole numbers in [0, 100000]");
  EXPECT_EQ(Cmd("scroll " + id).get<std::string>("error", ""), "usage: scroll ID DY");
  EXPECT_EQ(Ok("scroll " + id + " 1000000").get<std::string>("state", ""), "loaded") << "the bound itself is fine";
}

TEST_F(ShellInputTest, HelpListsEveryCommandOfTheContractAndAWrongCountAnswersItsUsage) {
  StartShell();
  std::set<std::string> names;
  for (const Json& command : sandtab::test::ArrayAt(Ok("help"), "commands")) {
    EXPECT_TRUE(names.insert(command.get<std::string>("name")).second) << "listed twice: " << ToJsonText(command);
    EXPECT_FALSE(command.get<std::string>("usage", "").empty()) << ToJsonText(command);
    EXPECT_FALSE(command.get<std::string>("summary", "").empty()) << ToJsonText(command);
  }
  // DESIGN section 8's names, and the shell's own additions.
  for (const char* name : {"open",    "nav",   "reload", "back", "forward", "close",  "tabs",       "ps",
                           "wait",    "crash", "hang",   "kill", "click",   "scroll", "screenshot", "plugins",
                           "sandbox", "stats", "trace",  "help", "quit",    "debug",  "deaths",     "broker"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  // The usage line `help` shows is what a wrong argument count answers.
  EXPECT_EQ(Cmd("reload").get<std::string>("error", ""), "usage: reload ID");
  EXPECT_EQ(Cmd("tabs all").get<std::string>("error", ""), "usage: tabs");
  EXPECT_EQ(Cmd("wait 1 2 3").get<std::string>("error", ""), "usage: wait ID [SECONDS]");
}

TEST_F(ShellInputTest, EveryAnswerIsOneJsonObjectEvenWithLoggingOn) {
  // Logs go to stderr: with logging on, stdout still carries exactly one
  // JSON object per command (the driver reads one line per command, so a
  // stray log line would be taken as an answer and fail to parse or match).
  StartShell({"--enable-logging", "--v=2", "--log-broker"});
  Json help = Ok("help");
  EXPECT_FALSE(sandtab::test::ArrayAt(help, "commands").empty());
  TabRef tab = Open(kArticle.file);
  for (const char* line : {"tabs", "ps", "stats", "deaths", "broker 5"}) {
    Json answer = Ok(line);
    EXPECT_FALSE(answer.empty()) << line;
  }
  Ok("crash " + std::to_string(tab.id));
  WaitForRestart(tab.id, tab.pid);
  EXPECT_EQ(Ok("tabs").get_child("tabs").size(), 1u);
  EXPECT_GT(shell().StderrTail().size(), 0u) << "--enable-logging logged nothing to stderr";
}

TEST_F(ShellInputTest, WaitTimesOutWithAnErrorOnAHungTab) {
  StartShell();
  TabRef tab = Open(kIndex.file);
  std::string id = std::to_string(tab.id);
  Ok("hang " + id);
  // A hung renderer never paints the reload; wait must give up on time.
  Cmd("reload " + id);
  auto start = std::chrono::steady_clock::now();
  Json answer = Cmd("wait " + id + " 1", 10s);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(IsError(answer)) << ToJsonText(answer);
  EXPECT_LT(took, 5s);
  // And the shell still answers.
  EXPECT_EQ(Tabs().size(), 1u);
  Ok("kill " + id);
}

}  // namespace
}  // namespace sandtab::integration
