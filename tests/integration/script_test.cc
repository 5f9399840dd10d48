// DESIGN section 13 through the real binaries: the shell's eval, console
// and key; one-shot --dump-dom with --virtual-time-budget; the script
// flags, refused when wrong and carried by the zygote's renderers; a page
// whose script never yields dies unresponsive while the other tabs keep
// their renderers.
#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

constexpr const char* kCounter = "counter.html";
constexpr const char* kCounterTitle = "sandtab: Counter";

class ScriptTest : public ShellTest {
 protected:
  // The raw answer line: PropertyTree cannot tell 3 from "3".
  std::string Raw(const std::string& line) { return shell().CommandRaw(line); }
  std::string Eval(int id, const std::string& expression) {
    return Raw("eval " + std::to_string(id) + " " + expression);
  }
  std::vector<Json> Console(int id, int count = 50) {
    return ArrayAt(Ok("console " + std::to_string(id) + " " + std::to_string(count)), "console");
  }
  ProcessResult RunOneShot(const std::vector<std::string>& args) {
    std::vector<std::string> argv{SandtabBinary(), "--content-root=" + PagesDir()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult result = RunProcess(argv, 30s);
    EXPECT_FALSE(result.timed_out) << "one-shot run did not end within 30 s";
    return result;
  }
};

TEST_F(ScriptTest, EvalAnswersTheValueAsJsonOrTheScriptsError) {
  StartShell();
  TabRef tab = Open(kCounter);
  EXPECT_EQ(Eval(tab.id, "1+2"), R"({"result":3})");
  EXPECT_EQ(Eval(tab.id, "document.title"), R"({"result":"sandtab: Counter"})");
  // The rest of the line, spaces included, is the expression.
  EXPECT_EQ(Eval(tab.id, "[1, 2, 3].map(x => x * 2)"), R"({"result":[2,4,6]})");
  EXPECT_EQ(Eval(tab.id, "({ a: 'b c', n: null })"), R"({"result":{"a":"b c","n":null}})");
  // No JSON form: its string form, as a JSON string.
  EXPECT_EQ(Eval(tab.id, "undefined"), R"({"result":"undefined"})");
  Json thrown = Cmd("eval " + std::to_string(tab.id) + " nosuch()");
  ASSERT_TRUE(IsError(thrown)) << ToJsonText(thrown);
  EXPECT_NE(thrown.get<std::string>("error").find("ReferenceError"), std::string::npos) << ToJsonText(thrown);
  // The page's own state is what eval sees.
  EXPECT_EQ(Eval(tab.id, "document.getElementById('increment') !== null"), R"({"result":true})");
  // Bad arguments get the usage line; the renderer lives on.
  EXPECT_EQ(Cmd("eval " + std::to_string(tab.id)).get<std::string>("error"), "usage: eval ID EXPR");
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid);
}

TEST_F(ScriptTest, ConsoleListsThePagesLinesOldestFirstAndKeyPressesReachItsListeners) {
  StartShell();
  TabRef tab = Open(
      "data:text/html,<title>logs</title><script>console.log('hello',42);console.warn('careful')"
      "</script>");
  ASSERT_TRUE(PollUntil([&] { return Console(tab.id).size() >= 2; }, 10s)) << ToJsonText(Ok("console 1"));
  std::vector<Json> lines = Console(tab.id);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].get<std::string>("level"), "log");
  EXPECT_EQ(lines[0].get<std::string>("text"), "hello 42");
  EXPECT_EQ(lines[1].get<std::string>("level"), "warn");
  EXPECT_EQ(lines[1].get<std::string>("text"), "careful");
  ASSERT_EQ(Console(tab.id, 1).size(), 1u);
  EXPECT_EQ(Console(tab.id, 1)[0].get<std::string>("text"), "careful");
  EXPECT_EQ(Cmd("console " + std::to_string(tab.id) + " 0").get<std::string>("error"),
            "console: N must be a whole number in [1, 1000]");

  // counter.html counts '+' keys and logs each change.
  TabRef counter = Open(kCounter);
  Ok("key " + std::to_string(counter.id) + " +");
  ASSERT_TRUE(PollUntil(
      [&] {
        for (const Json& line : Console(counter.id)) {
          if (line.get<std::string>("text") == "count 1 (key +)") return true;
        }
        return false;
      },
      10s))
      << ToJsonText(Ok("console " + std::to_string(counter.id)));
  EXPECT_EQ(Eval(counter.id, "document.getElementById('last').textContent"), R"({"result":"Last change: key +."})");
}

TEST_F(ScriptTest, AScriptThatNeverYieldsKillsOnlyItsOwnRendererAsUnresponsive) {
  StartShell();
  TabRef other = Open(kIndex.file);
  Json opened = Ok("open data:text/html,<title>loop</title><script>while(true){}</script>");
  const int looping = opened.get<int>("id");
  Json dead = WaitForTab(
      looping, [](const Json& tab) { return tab.get<std::string>("last_death.cause", "") == "unresponsive"; }, 20s,
      "the looping page's renderer killed as unresponsive");
  EXPECT_EQ(dead.get<std::string>("last_death.type", ""), "renderer") << ToJsonText(dead);
  // Its watchdog reported first (ScriptTimedOut, below the hang timeout),
  // and the browser killed it as the hang monitor would have.
  EXPECT_NE(dead.get<std::string>("last_death.detail", "").find("script"), std::string::npos) << ToJsonText(dead);
  EXPECT_GE(dead.get<int>("crashes"), 1);
  // The other tab: same renderer, no death, still answering scripts.
  Json untouched = Tab(other.id);
  EXPECT_EQ(untouched.get<pid_t>("pid"), other.pid);
  EXPECT_EQ(untouched.get<int>("crashes"), 0);
  EXPECT_TRUE(sandtab::test::IsAlive(other.pid));
  EXPECT_EQ(Eval(other.id, "1+1"), R"({"result":2})");
}

TEST_F(ScriptTest, ScriptFlagsReachTheZygoteAndItsRenderers) {
  StartShell({"--js-flags=--jitless"});
  TabRef tab = Open(kCounter);
  EXPECT_EQ(Eval(tab.id, "[1, 2].reduce((a, b) => a + b)"), R"({"result":3})");
  const pid_t zygote = Ok("stats").get<pid_t>("zygote_pid");
  ASSERT_GT(zygote, 0) << "a script flag must not turn the zygote off";
  EXPECT_EQ(ParentPid(tab.pid).value_or(-1), zygote);
  std::string command_line = sandtab::test::ReadProcFile(zygote, "cmdline");
  EXPECT_NE(command_line.find("--js-flags=--jitless"), std::string::npos);
}

TEST_F(ScriptTest, DisableJavascriptLeavesThePageAsItsHtmlSaysAndEvalAnError) {
  StartShell({"--disable-javascript"});
  TabRef tab = Open("data:text/html,<title>static</title><script>document.title='scripted'</script>");
  EXPECT_EQ(Tab(tab.id).get<std::string>("title"), "static");
  EXPECT_TRUE(IsError(Cmd("eval " + std::to_string(tab.id) + " 1+2")));
}

TEST_F(ScriptTest, DumpDomPrintsTheDomAfterLoadToStdout) {
  ProcessResult result = RunOneShot({"--headless", "--dump-dom", kCounter});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  EXPECT_NE(result.stdout_text.find(std::string("<title>") + kCounterTitle + "</title>"), std::string::npos)
      << result.stdout_text;
  ASSERT_GE(result.stdout_text.size(), 8u);
  EXPECT_EQ(result.stdout_text.substr(result.stdout_text.size() - 8), "</html>\n");
}

TEST_F(ScriptTest, DumpDomShowsWhatScriptsChangedAndTimersWithinTheVirtualTimeBudget) {
  const std::string page =
      "data:text/html,<title>t</title><p id=p>a</p><script>document.getElementById('p').textContent='changed';"
      "setTimeout(()=>document.title='late',500)</script>";
  ProcessResult now = RunOneShot({"--dump-dom", page});
  ASSERT_EQ(now.exit_code, 0) << now.stderr_text;
  EXPECT_NE(now.stdout_text.find("<p id=\"p\">changed</p>"), std::string::npos) << now.stdout_text;
  EXPECT_NE(now.stdout_text.find("<title>t</title>"), std::string::npos) << now.stdout_text;
  ProcessResult budget = RunOneShot({"--dump-dom", "--virtual-time-budget=1000", page});
  ASSERT_EQ(budget.exit_code, 0) << budget.stderr_text;
  EXPECT_NE(budget.stdout_text.find("<title>late</title>"), std::string::npos) << budget.stdout_text;
}

TEST_F(ScriptTest, DumpDomAndScreenshotTogetherDoBoth) {
  const std::string png = TempPath("both.png");
  ProcessResult result = RunOneShot({"--headless", "--dump-dom", "--screenshot=" + png, kIndex.file});
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  EXPECT_NE(result.stdout_text.find(kIndex.title), std::string::npos);
  auto image = sandtab::test::ReadPng(png);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->At(kBlockCentreX, kBlockCentreY), kIndex.block);
}

TEST_F(ScriptTest, DumpDomOfAPageThatFailsExitsOneWithTheReason) {
  ProcessResult result = RunOneShot({"--dump-dom", "no-such-page.html"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.stderr_text.find("no-such-page.html"), std::string::npos) << result.stderr_text;
  EXPECT_EQ(result.stdout_text, "");
}

TEST_F(ScriptTest, WrongScriptFlagsExitTwoNamingTheFlag) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--js-flags=--expose-gc", "--dump-dom", kIndex.file},
                                             {"--virtual-time-budget=abc", "--dump-dom", kIndex.file},
                                             {"--virtual-time-budget=600001", "--dump-dom", kIndex.file},
                                             {"--dump-dom"}}) {
    ProcessResult result = RunOneShot(args);
    EXPECT_EQ(result.exit_code, 2) << args[0];
    const std::string flag = args[0].substr(0, args[0].find('='));
    EXPECT_NE(result.stderr_text.find(flag), std::string::npos) << result.stderr_text;
  }
}

}  // namespace
}  // namespace sandtab::integration
