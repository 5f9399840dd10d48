#include "browser/shell/report.h"

#include <cstdio>

namespace sandtab::browser {

ReportValue ReportValue::Object() {
  ReportValue value;
  value.kind_ = Kind::kObject;
  return value;
}

ReportValue ReportValue::Array() {
  ReportValue value;
  value.kind_ = Kind::kArray;
  return value;
}

ReportValue ReportValue::CheckedJson(std::string json) {
  ReportValue value;
  value.kind_ = Kind::kJson;
  value.string_ = std::move(json);
  return value;
}

ReportValue& ReportValue::Set(std::string key, ReportValue value) & {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

ReportValue&& ReportValue::Set(std::string key, ReportValue value) && {
  return std::move(Set(std::move(key), std::move(value)));
}

ReportValue& ReportValue::Append(ReportValue value) {
  elements_.push_back(std::move(value));
  return *this;
}

ReportValue& ReportValue::Shown(std::string text) & {
  shown_ = std::move(text);
  return *this;
}

ReportValue&& ReportValue::Shown(std::string text) && { return std::move(Shown(std::move(text))); }

const ReportValue* ReportValue::Find(std::string_view key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string ReportValue::Text() const {
  if (shown_) return *shown_;
  switch (kind_) {
    case Kind::kBool:
      return bool_ ? "yes" : "no";
    case Kind::kInt:
      return std::to_string(int_);
    case Kind::kUInt:
      return std::to_string(uint_);
    case Kind::kDouble: {
      char text[32];
      std::snprintf(text, sizeof(text), "%.2f", double_);
      return text;
    }
    case Kind::kString:
    case Kind::kJson:
      return string_;
    case Kind::kNull:
    case Kind::kObject:
    case Kind::kArray:
      break;
  }
  return "-";
}

void ReportTable::AddRow(ReportValue row) {
  rows_.push_back(std::move(row));
  notes_.emplace_back();
}

void ReportTable::AddNote(std::string line) {
  if (!notes_.empty()) notes_.back().push_back(std::move(line));
}

Report& Report::Set(std::string key, ReportValue value) {
  entries_.emplace_back(std::move(key), std::move(value));
  return *this;
}

ReportTable& Report::AddTable(std::string key, std::vector<ReportColumn> columns) {
  tables_.emplace_back(std::move(columns));
  entries_.emplace_back(std::move(key), std::variant<ReportValue, size_t>(std::in_place_index<1>, tables_.size() - 1));
  blocks_.emplace_back(std::in_place_index<1>, tables_.size() - 1);
  return tables_.back();
}

Report& Report::AddLine(std::string line) {
  blocks_.emplace_back(std::move(line));
  return *this;
}

Report& Report::WhenEmpty(std::string text) {
  when_empty_ = std::move(text);
  return *this;
}

}  // namespace sandtab::browser
