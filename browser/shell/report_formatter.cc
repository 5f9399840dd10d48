#include "browser/shell/report_formatter.h"

#include "browser/common/json_writer.h"
#include "browser/common/terminal_text.h"

namespace sandtab::browser {
namespace {

std::string Cell(std::string_view text, size_t width) {
  std::string cell = SanitizeForTerminal(text);
  if (width == 0) return cell;
  if (cell.size() > width) cell = cell.substr(0, width - 1) + "~";
  cell.resize(width, ' ');
  return cell;
}

void AppendTable(const ReportTable& table, std::string& text) {
  std::string heading;
  for (const ReportColumn& column : table.columns()) heading += Cell(column.heading, column.width);
  text += heading;
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const ReportValue& row = table.rows()[i];
    text += '\n';
    for (const ReportColumn& column : table.columns()) {
      const ReportValue* field = row.Find(column.key);
      text += Cell(field ? field->Text() : "-", column.width);
    }
    for (const std::string& note : table.notes(i)) {
      text += '\n';
      AppendSanitized(text, note, /*keep_line_breaks=*/false);
    }
  }
}

void WriteValue(JsonWriter& json, std::string_view key, const ReportValue& value) {
  switch (value.kind()) {
    case ReportValue::Kind::kNull:
      json.Null(key);
      break;
    case ReportValue::Kind::kBool:
      json.Field(key, value.boolean());
      break;
    case ReportValue::Kind::kInt:
      json.Field(key, value.integer());
      break;
    case ReportValue::Kind::kUInt:
      json.Field(key, value.unsigned_integer());
      break;
    case ReportValue::Kind::kDouble:
      json.Field(key, value.number());
      break;
    case ReportValue::Kind::kString:
      json.Field(key, value.string());
      break;
    case ReportValue::Kind::kJson:
      json.Raw(key, value.string());
      break;
    case ReportValue::Kind::kObject:
      json.BeginObject(key);
      for (const auto& [name, member] : value.members()) WriteValue(json, name, member);
      json.EndObject();
      break;
    case ReportValue::Kind::kArray:
      json.BeginArray(key);
      for (const ReportValue& element : value.elements()) WriteValue(json, {}, element);
      json.EndArray();
      break;
  }
}

}  // namespace

std::string ReportText(const Report& report) {
  std::string text;
  bool first = true;
  for (const Report::Block& block : report.blocks()) {
    if (!first) text += '\n';
    first = false;
    if (const std::string* line = std::get_if<std::string>(&block)) {
      AppendSanitized(text, *line, /*keep_line_breaks=*/false);
    } else {
      AppendTable(report.table(std::get<size_t>(block)), text);
    }
  }
  return text.empty() ? report.when_empty() : text;
}

std::string ReportJson(const Report& report) {
  JsonWriter json;
  json.BeginObject();
  for (const auto& [key, entry] : report.entries()) {
    if (const ReportValue* value = std::get_if<ReportValue>(&entry)) {
      WriteValue(json, key, *value);
      continue;
    }
    json.BeginArray(key);
    for (const ReportValue& row : report.table(std::get<size_t>(entry)).rows()) WriteValue(json, {}, row);
    json.EndArray();
  }
  return json.EndObject().text();
}

std::string ReportValueJson(const ReportValue& value) {
  JsonWriter json;
  WriteValue(json, {}, value);
  return json.text();
}

}  // namespace sandtab::browser
