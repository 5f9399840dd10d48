// The shell's answers about a page's scripts (DESIGN section 13), built
// from fixtures: `eval`'s {"result": VALUE} with the page's JSON spliced in
// or its string quoted, and `console`'s lines, oldest first.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "browser/common/json_text.h"
#include "browser/shell/report_formatter.h"
#include "browser/shell/script_commands.h"

namespace sandtab::browser {
namespace {

EvalAnswer Json(std::string text) {
  auto clean = CleanJson(text);
  EXPECT_TRUE(clean) << clean.error();
  return {true, clean ? *clean : "", true, ""};
}

TEST(EvalReportTest, AJsonValueIsSplicedInAsItIs) {
  Report number = EvalReport(Json("3"));
  EXPECT_EQ(ReportJson(number), R"({"result":3})");
  EXPECT_EQ(ReportText(number), "3");
  Report object = EvalReport(Json(R"({"a": [1, "x"]})"));
  EXPECT_EQ(ReportJson(object), R"({"result":{"a":[1,"x"]}})");
  Report title = EvalReport(Json(R"("Sandtab \"home\"")"));
  EXPECT_EQ(ReportJson(title), R"({"result":"Sandtab \"home\""})");
}

TEST(EvalReportTest, AValueWithoutJsonIsItsStringFormQuoted) {
  Report report = EvalReport({true, "undefined", false, ""});
  EXPECT_EQ(ReportJson(report), R"({"result":"undefined"})");
  EXPECT_EQ(ReportText(report), "undefined");
  Report hostile = EvalReport({true, "a\"}, \"id\": 1, \"x\x1b", false, ""});
  EXPECT_EQ(ReportJson(hostile), R"({"result":"a\"}, \"id\": 1, \"x\\x1b"})");
}

ConsoleLine Line(std::string level, std::string text, std::string source, uint64_t navigation) {
  return {std::move(level), std::move(text), std::move(source), navigation,
          std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123))};
}

TEST(ConsoleReportTest, LinesOldestFirstWithTheirLevelTextAndSource) {
  Report report = ConsoleReport({Line("log", "hello", "page.html:3", 2), Line("error", "boom", "", 2)});
  EXPECT_EQ(
      ReportJson(report),
      R"({"console":[{"level":"log","text":"hello","source":"page.html:3","navigation":2,"time_ms":1700000000123},)"
      R"({"level":"error","text":"boom","source":"","navigation":2,"time_ms":1700000000123}]})");
  EXPECT_EQ(ReportText(report), "[log] hello (page.html:3)\n[error] boom");
}

TEST(ConsoleReportTest, AnEmptyConsoleSaysSo) {
  Report report = ConsoleReport({});
  EXPECT_EQ(ReportJson(report), R"({"console":[]})");
  EXPECT_EQ(ReportText(report), "no console lines");
}

TEST(ConsoleReportTest, APagesLineCannotFakeAnotherLine) {
  Report report = ConsoleReport({Line("log", "one\n[error] two", "", 1)});
  EXPECT_EQ(ReportText(report), "[log] one\\x0a[error] two");
  EXPECT_EQ(
      ReportJson(report),
      R"({"console":[{"level":"log","text":"one\n[error] two","source":"","navigation":1,"time_ms":1700000000123}]})");
}

}  // namespace
}  // namespace sandtab::browser
