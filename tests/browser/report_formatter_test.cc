#include "browser/shell/report_formatter.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "browser/shell/report.h"

namespace sandtab::browser {
namespace {

Report TwoColumnTable() {
  Report report;
  ReportTable& table = report.AddTable("rows", {{"NAME", 6, "name"}, {"NOTE", 0, "note"}});
  table.AddRow(ReportValue::Object().Set("name", "ab").Set("note", "first"));
  table.AddRow(ReportValue::Object().Set("name", "abcdefgh").Set("note", "second"));
  return report;
}

TEST(ReportTextTest, PadsEachCellToItsColumnAndCutsLongOnesWithATilde) {
  EXPECT_EQ(ReportText(TwoColumnTable()),
            "NAME  NOTE\n"
            "ab    first\n"
            "abcde~second");
}

TEST(ReportTextTest, TheLastColumnIsNeitherPaddedNorCut) {
  Report report;
  ReportTable& table = report.AddTable("rows", {{"ID", 3, "id"}, {"URL", 0, "url"}});
  const std::string url = "https://example.com/" + std::string(200, 'x');
  table.AddRow(ReportValue::Object().Set("id", 7).Set("url", url));
  EXPECT_EQ(ReportText(report), "ID URL\n7  " + url);
}

TEST(ReportTextTest, CellsShowTheirShownTextOrTheirValue) {
  Report report;
  ReportTable& table = report.AddTable(
      "rows", {{"PID", 6, "pid"}, {"CPU", 6, "cpu"}, {"OK", 4, "ok"}, {"GONE", 5, "none"}, {"NULL", 0, "null"}});
  table.AddRow(ReportValue::Object()
                   .Set("pid", ReportValue(-1).Shown("-"))
                   .Set("cpu", 1.5)
                   .Set("ok", true)
                   .Set("null", ReportValue()));
  table.AddRow(ReportValue::Object()
                   .Set("pid", uint64_t{18446744073709551615u})
                   .Set("cpu", 0.125)
                   .Set("ok", false)
                   .Set("null", "x"));
  EXPECT_EQ(ReportText(report),
            "PID   CPU   OK  GONE NULL\n"
            "-     1.50  yes -    -\n"
            "18446~0.12  no  -    x");
}

TEST(ReportTextTest, NotesFollowTheirRow) {
  Report report;
  ReportTable& table = report.AddTable("rows", {{"ID", 3, "id"}});
  table.AddRow(ReportValue::Object().Set("id", 1));
  table.AddNote("  note of 1");
  table.AddRow(ReportValue::Object().Set("id", 2));
  report.AddLine("after");
  EXPECT_EQ(ReportText(report), "ID \n1  \n  note of 1\n2  \nafter");
  // Notes are text only: the rows are the JSON.
  EXPECT_EQ(ReportJson(report), R"({"rows":[{"id":1},{"id":2}]})");
}

TEST(ReportTextTest, ControlCharactersAreReplacedBeforeCellsArePadded) {
  // A title that tries to set the terminal's colour, and one that fakes a
  // line: both shown as visible text, each in its own column width.
  Report report;
  ReportTable& table = report.AddTable("rows", {{"TITLE", 12, "title"}, {"URL", 0, "url"}});
  table.AddRow(ReportValue::Object().Set("title", "\x1b[31mX").Set("url", "a\rb"));
  table.AddRow(ReportValue::Object().Set("title", "ok\nID 9").Set("url", "c\x9b"));
  report.AddLine("line\nfake\x07");
  const std::string text = ReportText(report);
  EXPECT_EQ(text,
            "TITLE       URL\n"
            "\\x1b[31mX   a\\x0db\n"
            "ok\\x0aID 9  c\\x9b\n"
            "line\\x0afake\\x07");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte == '\n' || (byte >= 0x20 && byte != 0x7f)) << "control byte " << int{byte};
  }
}

TEST(ReportTextTest, AnEmptyReportSaysWhatItsEmptinessMeans) {
  Report report;
  report.Set("deaths", ReportValue::Array()).WhenEmpty("no deaths");
  EXPECT_EQ(ReportText(report), "no deaths");
  report.AddLine("pid 1 (renderer): crashed");
  EXPECT_EQ(ReportText(report), "pid 1 (renderer): crashed");
  // A table always has its heading, so it is never empty.
  Report with_table;
  with_table.AddTable("rows", {{"ID", 0, "id"}});
  with_table.WhenEmpty("nothing");
  EXPECT_EQ(ReportText(with_table), "ID");
}

TEST(ReportJsonTest, FieldsAndTablesInTheOrderTheyWereAdded) {
  Report report;
  report.Set("first", 1);
  ReportTable& table = report.AddTable("rows", {{"A", 0, "a"}});
  report.Set("last", "z");
  table.AddRow(ReportValue::Object().Set("a", 1).Set("b", ReportValue(2).Shown("two")));
  EXPECT_EQ(ReportJson(report), R"({"first":1,"rows":[{"a":1,"b":2}],"last":"z"})");
  EXPECT_EQ(ReportJson(Report()), "{}");
}

TEST(ReportJsonTest, EveryKindOfValue) {
  Report report;
  report.Set("null", ReportValue())
      .Set("yes", true)
      .Set("no", false)
      .Set("int", -3)
      .Set("int64", int64_t{-9000000000})
      .Set("uint64", uint64_t{18446744073709551615u})
      .Set("size", size_t{12})
      .Set("double", 0.25)
      .Set("string", "s")
      .Set("object", ReportValue::Object().Set("inner", ReportValue::Object()).Set("n", 1))
      .Set("array", ReportValue::Array().Append(1).Append("two").Append(ReportValue::Array()));
  EXPECT_EQ(ReportJson(report),
            R"({"null":null,"yes":true,"no":false,"int":-3,"int64":-9000000000,"uint64":18446744073709551615,)"
            R"("size":12,"double":0.25,"string":"s","object":{"inner":{},"n":1},"array":[1,"two",[]]})");
}

TEST(ReportJsonTest, HostileTextIsEscapedAndItsControlCharactersReplaced) {
  Report report;
  report.Set("title", "say \"hi\" \\ \x1b]0;pwned\x07").Set("lines", "a\nb\tc").Set("key \"quoted\"", "\xc2\x9b\xff");
  const std::string json = ReportJson(report);
  EXPECT_EQ(json, R"({"title":"say \"hi\" \\ \\x1b]0;pwned\\x07","lines":"a\nb\tc","key \"quoted\"":"\\x9b\\xff"})");
  // Replaced, not escaped: a consumer decoding the JSON gets no control back.
  EXPECT_EQ(json.find("\\u"), std::string::npos);
  for (char c : json) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
}

TEST(ReportJsonTest, ANonFiniteNumberIsNull) {
  Report report;
  report.Set("cpu", 1.0 / 0.0);
  EXPECT_EQ(ReportJson(report), R"({"cpu":null})");
}

TEST(ReportValueTest, FindsMembersByKey) {
  ReportValue row = ReportValue::Object().Set("a", 1).Set("b", "x");
  ASSERT_NE(row.Find("b"), nullptr);
  EXPECT_EQ(row.Find("b")->string(), "x");
  EXPECT_EQ(row.Find("c"), nullptr);
  EXPECT_EQ(ReportValue(7).Find("a"), nullptr);
  EXPECT_EQ(ReportValueJson(row), R"({"a":1,"b":"x"})");
}

}  // namespace
}  // namespace sandtab::browser
