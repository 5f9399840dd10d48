#ifndef SANDTAB_BROWSER_SHELL_REPORT_H_
#define SANDTAB_BROWSER_SHELL_REPORT_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace sandtab::browser {

// One datum of a report, typed as --json shows it (null, bool, integer,
// number, string, or an ordered object or array of values), with the text a
// table cell shows for it: its own text unless the report says otherwise
// (`Shown`), e.g. "-" for a tab without a renderer whose JSON pid is -1.
class ReportValue {
 public:
  enum class Kind { kNull, kBool, kInt, kUInt, kDouble, kString, kObject, kArray, kJson };
  using Member = std::pair<std::string, ReportValue>;

  ReportValue() = default;
  ReportValue(bool value) : kind_(Kind::kBool), bool_(value) {}  // NOLINT: implicit, like a JSON literal
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  ReportValue(T value)  // NOLINT
      : kind_(std::is_signed_v<T> ? Kind::kInt : Kind::kUInt),
        int_(static_cast<int64_t>(value)),
        uint_(static_cast<uint64_t>(value)) {}
  ReportValue(double value) : kind_(Kind::kDouble), double_(value) {}                  // NOLINT
  ReportValue(std::string value) : kind_(Kind::kString), string_(std::move(value)) {}  // NOLINT
  ReportValue(std::string_view value) : ReportValue(std::string(value)) {}             // NOLINT
  ReportValue(const char* value) : ReportValue(std::string(value)) {}                  // NOLINT
  static ReportValue Object();
  static ReportValue Array();
  // JSON text spliced into --json as it is (a script's eval result), its
  // text in a table or line the same. Only for text CleanJson returned:
  // one JSON value, one line, no controls in its strings.
  static ReportValue CheckedJson(std::string json);

  // Objects: appends a member (keys keep the order they were set in).
  ReportValue& Set(std::string key, ReportValue value) &;
  ReportValue&& Set(std::string key, ReportValue value) &&;
  // Arrays: appends an element.
  ReportValue& Append(ReportValue value);
  // The text a table cell shows instead of the value's own.
  ReportValue& Shown(std::string text) &;
  ReportValue&& Shown(std::string text) &&;

  Kind kind() const { return kind_; }
  bool boolean() const { return bool_; }
  int64_t integer() const { return int_; }
  uint64_t unsigned_integer() const { return uint_; }
  double number() const { return double_; }
  const std::string& string() const { return string_; }  // kString, and kJson's text
  const std::vector<Member>& members() const { return members_; }
  const std::vector<ReportValue>& elements() const { return elements_; }
  // The member `key` of an object, or null if there is none.
  const ReportValue* Find(std::string_view key) const;
  // What a table cell shows: the `Shown` text, else the value itself
  // (integers in decimal, numbers with two decimals, "yes"/"no", "-" for
  // null), not yet sanitized.
  std::string Text() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  uint64_t uint_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<Member> members_;
  std::vector<ReportValue> elements_;
  std::optional<std::string> shown_;
};

// A column of a text table: its heading, its width (a longer cell is cut
// and ends in '~'; 0 for the last column, which is never padded or cut) and
// the key of the row's field it shows.
struct ReportColumn {
  std::string heading;
  size_t width = 0;
  std::string key;
};

// A list of records that --json shows as an array of objects and the text
// as a table: a heading line, then a line per row, each cell the row's field
// named by its column, and under a row the notes added after it.
class ReportTable {
 public:
  explicit ReportTable(std::vector<ReportColumn> columns) : columns_(std::move(columns)) {}

  void AddRow(ReportValue row);
  // A line of text under the last row (nothing in the JSON: what it says is
  // among the row's fields).
  void AddNote(std::string line);

  const std::vector<ReportColumn>& columns() const { return columns_; }
  const std::vector<ReportValue>& rows() const { return rows_; }
  // The notes of row i.
  const std::vector<std::string>& notes(size_t row) const { return notes_[row]; }

 private:
  std::vector<ReportColumn> columns_;
  std::vector<ReportValue> rows_;
  std::vector<std::vector<std::string>> notes_;
};

// What a shell command answers: one model that ReportText and ReportJson
// (report_formatter.h) render, so the text and the --json forms of an answer
// come from the same fields. The JSON is one object of the fields and
// tables in the order they were added; the text is the lines and tables in
// the order they were added.
class Report {
 public:
  // A field of the JSON object (text: none; add a line that says it).
  Report& Set(std::string key, ReportValue value);
  // A table: the JSON array `key` and the text table; stays valid as long as the report.
  ReportTable& AddTable(std::string key, std::vector<ReportColumn> columns);
  // A line of text (one line: line breaks in it are shown as `\x0a`).
  Report& AddLine(std::string line);
  // The text when there is no other (no line, no table): "no deaths".
  Report& WhenEmpty(std::string text);

  // The JSON object's entries: a value, or the index of a table.
  using Entry = std::pair<std::string, std::variant<ReportValue, size_t>>;
  // The text's blocks: a line, or the index of a table.
  using Block = std::variant<std::string, size_t>;
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Block>& blocks() const { return blocks_; }
  const ReportTable& table(size_t index) const { return tables_[index]; }
  const std::string& when_empty() const { return when_empty_; }

 private:
  std::vector<Entry> entries_;
  std::vector<Block> blocks_;
  std::deque<ReportTable> tables_;  // AddTable hands out references: they must stay put
  std::string when_empty_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_REPORT_H_
