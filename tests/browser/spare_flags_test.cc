// Whether a browser keeps a spare renderer (issue 25 line 2): on by default,
// as Chrome keeps one; off with --no-spare-renderer, and off unless asked in
// one-shot mode (one tab, never a second) and under --renderer-cmd-prefix (a
// debugger would start for a tab nobody opened).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "browser/command_line.h"
#include "browser/common/browser_config.h"

namespace sandtab::browser {
namespace {

bool SpareWith(std::vector<std::string> args) {
  args.insert(args.begin(), "sandtab");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  auto config = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  EXPECT_TRUE(config) << config.error();
  return config && config->spare_renderer;
}

TEST(SpareFlagsTest, TheShellKeepsASpareByDefault) {
  EXPECT_TRUE(SpareWith({}));
  EXPECT_TRUE(SpareWith({"--json", "index.html"}));
  EXPECT_TRUE(SpareWith({"--headless"}));
}

TEST(SpareFlagsTest, NoSpareRendererTurnsItOffAndTheLastFlagWins) {
  EXPECT_FALSE(SpareWith({"--no-spare-renderer"}));
  EXPECT_TRUE(SpareWith({"--no-spare-renderer", "--spare-renderer"}));
  EXPECT_FALSE(SpareWith({"--spare-renderer", "--no-spare-renderer"}));
}

TEST(SpareFlagsTest, OneShotRunsKeepNoSpareUnlessAsked) {
  EXPECT_FALSE(SpareWith({"--headless", "--screenshot=out.png", "index.html"}));
  EXPECT_FALSE(SpareWith({"--dump-dom", "index.html"}));
  EXPECT_TRUE(SpareWith({"--spare-renderer", "--dump-dom", "index.html"}));
}

TEST(SpareFlagsTest, ARendererCommandPrefixKeepsNoSpareUnlessAsked) {
  EXPECT_FALSE(SpareWith({"--renderer-cmd-prefix=/bin/env"}));
  EXPECT_TRUE(SpareWith({"--renderer-cmd-prefix=/bin/env", "--spare-renderer"}));
}

}  // namespace
}  // namespace sandtab::browser
