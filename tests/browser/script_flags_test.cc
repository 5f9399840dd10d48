// The JavaScript flags of DESIGN section 13: what the command line accepts
// and refuses (naming the flag), and how they reach every renderer's argv,
// a cold launch's and the zygote's alike.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "browser/command_line.h"
#include "browser/common/browser_config.h"
#include "browser/tab/renderer_launch.h"

namespace sandtab::browser {
namespace {

Result<BrowserConfig> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "sandtab");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

std::string Refusal(std::vector<std::string> args) {
  auto config = Parse(std::move(args));
  EXPECT_FALSE(config) << "accepted";
  return config ? "" : config.error();
}

TEST(ScriptFlagsTest, ByDefaultScriptsRunWithTheJitAndRenderersGetNoScriptFlag) {
  auto config = Parse({});
  ASSERT_TRUE(config) << config.error();
  EXPECT_FALSE(config->jitless);
  EXPECT_FALSE(config->disable_javascript);
  EXPECT_FALSE(config->dump_dom);
  EXPECT_EQ(config->virtual_time_budget_ms, -1);
  EXPECT_TRUE(config->RendererScriptFlags().empty());
  EXPECT_FALSE(config->one_shot());
}

TEST(ScriptFlagsTest, EachFlagIsParsedAndForwardedInTheRenderersSpelling) {
  auto config =
      Parse({"--js-flags=--jitless", "--disable-javascript", "--virtual-time-budget=1500", "--dump-dom", "page.html"});
  ASSERT_TRUE(config) << config.error();
  EXPECT_TRUE(config->jitless);
  EXPECT_TRUE(config->disable_javascript);
  EXPECT_TRUE(config->dump_dom);
  EXPECT_TRUE(config->one_shot());
  EXPECT_EQ(config->virtual_time_budget_ms, 1500);
  EXPECT_EQ(config->RendererScriptFlags(),
            (std::vector<std::string>{"--js-flags=--jitless", "--disable-javascript", "--virtual-time-budget=1500"}));
}

TEST(ScriptFlagsTest, AColdRendererLaunchCarriesTheScriptFlagsAfterItsProgram) {
  auto config = Parse({"--js-flags=--jitless", "--virtual-time-budget=0"});
  ASSERT_TRUE(config) << config.error();
  LaunchRequest request = RendererLaunchRequest(*config);
  EXPECT_EQ(request.argv, (std::vector<std::string>{config->bin_dir + "/sandtab-renderer", "--js-flags=--jitless",
                                                    "--virtual-time-budget=0"}));
}

TEST(ScriptFlagsTest, JsFlagsOtherThanJitlessAreRefused) {
  EXPECT_EQ(Refusal({"--js-flags=--expose-gc"}), "--js-flags: only --jitless is supported, got '--expose-gc'");
  EXPECT_EQ(Refusal({"--js-flags="}), "--js-flags: only --jitless is supported, got ''");
  EXPECT_EQ(Refusal({"--js-flags=--jitless --expose-gc"}),
            "--js-flags: only --jitless is supported, got '--jitless --expose-gc'");
}

TEST(ScriptFlagsTest, AVirtualTimeBudgetIsAWholeNumberOfMillisecondsUpToTenMinutes) {
  auto most = Parse({"--virtual-time-budget=600000"});
  ASSERT_TRUE(most) << most.error();
  EXPECT_EQ(most->virtual_time_budget_ms, 600000);
  for (const char* bad : {"600001", "-1", "abc", "", "1.5", "10ms"}) {
    EXPECT_EQ(Refusal({std::string("--virtual-time-budget=") + bad}),
              std::string("--virtual-time-budget wants 0..600000 milliseconds, got '") + bad + "'");
  }
}

TEST(ScriptFlagsTest, DumpDomTakesExactlyOneUrl) {
  EXPECT_EQ(Refusal({"--dump-dom"}), "--dump-dom prints exactly one URL's DOM; got 0");
  EXPECT_EQ(Refusal({"--dump-dom", "a.html", "b.html"}), "--dump-dom prints exactly one URL's DOM; got 2");
  auto both = Parse({"--dump-dom", "--screenshot=out.png", "a.html"});
  ASSERT_TRUE(both) << both.error();
  EXPECT_TRUE(both->one_shot());
}

TEST(ScriptFlagsTest, TheHelpNamesEveryScriptFlag) {
  const std::string help = UsageText();
  for (const char* flag : {"--js-flags=--jitless", "--disable-javascript", "--dump-dom", "--virtual-time-budget=MS"}) {
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace sandtab::browser
