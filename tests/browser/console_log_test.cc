// ConsoleLog: a bounded ring of a tab's console lines, oldest first, and
// Chrome's --enable-logging form of a line, safe for a terminal.
#include "browser/tab/console_log.h"

#include <gtest/gtest.h>

#include <string>

namespace sandtab::browser {
namespace {

ConsoleLine Line(std::string text, std::string level = "log") {
  ConsoleLine line;
  line.level = std::move(level);
  line.text = std::move(text);
  line.source = "page.html:1";
  line.navigation_id = 1;
  return line;
}

TEST(ConsoleLogTest, LastGivesTheNewestLinesOldestFirst) {
  ConsoleLog log;
  for (const char* text : {"a", "b", "c"}) log.Add(Line(text));
  auto last = log.Last(2);
  ASSERT_EQ(last.size(), 2u);
  EXPECT_EQ(last[0].text, "b");
  EXPECT_EQ(last[1].text, "c");
  EXPECT_EQ(log.Last(50).size(), 3u);
  EXPECT_TRUE(log.Last(0).empty());
}

TEST(ConsoleLogTest, AFullLogForgetsItsOldestLines) {
  ConsoleLog log;
  ASSERT_EQ(log.capacity(), 1000u);
  for (int i = 0; i < 1005; ++i) log.Add(Line(std::to_string(i)));
  EXPECT_EQ(log.size(), 1000u);
  EXPECT_EQ(log.dropped(), 5u);
  auto all = log.Last(5000);
  ASSERT_EQ(all.size(), 1000u);
  EXPECT_EQ(all.front().text, "5");
  EXPECT_EQ(all.back().text, "1004");
}

TEST(ConsoleLogTest, ASmallCapacityHolds) {
  ConsoleLog log(2);
  for (const char* text : {"a", "b", "c"}) log.Add(Line(text));
  auto all = log.Last(10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].text, "b");
}

TEST(ConsoleLogTest, TheOldestLinesGoPastTheByteBound) {
  ConsoleLog log(1000, 10);
  log.Add(Line("aaaa"));  // 3 + 4 + 11 = 18 bytes: over, but alone
  EXPECT_EQ(log.size(), 1u);
  EXPECT_EQ(log.bytes(), 18u);
  log.Add(Line("b"));
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log.Last(1)[0].text, "b");
  EXPECT_EQ(log.bytes(), 15u);
  EXPECT_EQ(log.dropped(), 1u);

  ConsoleLog full;
  const std::string text(4096, 't');
  for (int i = 0; i < 1000; ++i) full.Add(Line(text));
  EXPECT_LE(full.bytes(), ConsoleLog::kDefaultMaxBytes);
  EXPECT_EQ(full.size(), ConsoleLog::kDefaultMaxBytes / (4096 + 3 + 11));
}

TEST(ConsoleLogTest, LogFormIsChromesAndSafeForATerminal) {
  EXPECT_EQ(ConsoleLog::LogForm(Line("hello", "warn")), "[CONSOLE:warn] \"hello\", source: page.html:1");
  ConsoleLine hostile = Line("\x1b]0;title\x07\nfake line");
  hostile.source.clear();
  EXPECT_EQ(ConsoleLog::LogForm(hostile), "[CONSOLE:log] \"\\x1b]0;title\\x07\\x0afake line\"");
}

}  // namespace
}  // namespace sandtab::browser
