// --renderer-cmd-prefix (and --plugin-launcher, --zygote-cmd-prefix): the
// first word is found through PATH, as Chrome's prefix is ("gdb --args").
#include "browser/process/command_prefix.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "browser/common/browser_config.h"
#include "browser/command_line.h"

namespace sandtab::browser {
namespace {

class CommandPrefixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/sandtab-prefix-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    dir_ = name;
    std::filesystem::create_directories(dir_ + "/bin");
    std::ofstream(dir_ + "/bin/wrapper") << "#!/bin/sh\nexec \"$@\"\n";
    ::chmod((dir_ + "/bin/wrapper").c_str(), 0755);
    std::ofstream(dir_ + "/bin/not-executable") << "data\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(CommandPrefixTest, TheFirstWordIsFoundThroughPath) {
  auto words = ParseCommandPrefix("wrapper --args  -q", "/nonexistent:" + dir_ + "/bin:/usr/bin");
  ASSERT_TRUE(words) << words.error();
  EXPECT_EQ(*words, (std::vector<std::string>{dir_ + "/bin/wrapper", "--args", "-q"}));
}

TEST_F(CommandPrefixTest, TheFirstDirectoryInPathWins) {
  std::filesystem::create_directories(dir_ + "/first");
  std::filesystem::copy_file(dir_ + "/bin/wrapper", dir_ + "/first/wrapper");
  auto words = ParseCommandPrefix("wrapper", dir_ + "/first:" + dir_ + "/bin");
  ASSERT_TRUE(words) << words.error();
  EXPECT_EQ(words->at(0), dir_ + "/first/wrapper");
}

TEST_F(CommandPrefixTest, AWordNotInPathIsAClearError) {
  auto words = ParseCommandPrefix("no-such-debugger --args", dir_ + "/bin");
  ASSERT_FALSE(words);
  EXPECT_EQ(words.error(), "'no-such-debugger' is not a program in PATH (" + dir_ + "/bin)");
}

TEST_F(CommandPrefixTest, AFileThatIsNotExecutableIsNotAProgram) {
  EXPECT_FALSE(ParseCommandPrefix("not-executable", dir_ + "/bin"));
  EXPECT_FALSE(ParseCommandPrefix(dir_ + "/bin/not-executable", ""));
  EXPECT_FALSE(ParseCommandPrefix("bin", dir_)) << "a directory is not a program";
}

TEST_F(CommandPrefixTest, PathsAreKeptAndRelativePathsMadeAbsolute) {
  auto absolute = ParseCommandPrefix(dir_ + "/bin/wrapper -x", "");
  ASSERT_TRUE(absolute) << absolute.error();
  EXPECT_EQ(absolute->at(0), dir_ + "/bin/wrapper");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_);
  auto relative = ParseCommandPrefix("bin/wrapper", "");
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(relative) << relative.error();
  EXPECT_EQ(relative->at(0), dir_ + "/bin/wrapper");
}

TEST_F(CommandPrefixTest, RelativePathEntriesAreNotSearched) {
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_ + "/bin");
  auto words = ParseCommandPrefix("wrapper", ":.:bin");
  std::filesystem::current_path(cwd);
  EXPECT_FALSE(words) << "found " << (words ? words->at(0) : "") << " through the working directory";
}

TEST_F(CommandPrefixTest, EmptyTextIsNoPrefix) {
  auto words = ParseCommandPrefix("   ", "/usr/bin");
  ASSERT_TRUE(words);
  EXPECT_TRUE(words->empty());
}

// The flags resolve at start-up: a prefix that names nothing stops the
// browser before any tab, naming the flag.
TEST_F(CommandPrefixTest, EveryPrefixFlagIsResolvedWhenTheCommandLineIsParsed) {
  const char* saved = std::getenv("PATH");
  const std::string original = saved ? saved : "/usr/bin:/bin";
  ::setenv("PATH", (dir_ + "/bin").c_str(), 1);
  std::string renderer = "--renderer-cmd-prefix=wrapper --args";
  std::string plugin = "--plugin-launcher=wrapper";
  std::string zygote = "--zygote-cmd-prefix=wrapper -v";
  char* argv[] = {const_cast<char*>("sandtab"), renderer.data(), plugin.data(), zygote.data()};
  auto config = ParseCommandLine(4, argv);
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->renderer_cmd_prefix, (std::vector<std::string>{dir_ + "/bin/wrapper", "--args"}));
  EXPECT_EQ(config->plugin_launcher, (std::vector<std::string>{dir_ + "/bin/wrapper"}));
  EXPECT_EQ(config->zygote_cmd_prefix, (std::vector<std::string>{dir_ + "/bin/wrapper", "-v"}));

  std::string missing = "--plugin-launcher=gdbx --args";
  char* bad[] = {const_cast<char*>("sandtab"), missing.data()};
  auto refused = ParseCommandLine(2, bad);
  ::setenv("PATH", original.c_str(), 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "--plugin-launcher: 'gdbx' is not a program in PATH (" + dir_ + "/bin)");
}

}  // namespace
}  // namespace sandtab::browser
