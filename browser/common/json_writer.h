#ifndef SANDTAB_BROWSER_COMMON_JSON_WRITER_H_
#define SANDTAB_BROWSER_COMMON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sandtab::browser {

std::string JsonQuote(std::string_view text);

// Builds one JSON object or array in order, as text. The shell's --json
// answers are flat enough that a builder beats a DOM.
class JsonWriter {
 public:
  JsonWriter& BeginObject(std::string_view key = {});
  JsonWriter& EndObject();
  JsonWriter& BeginArray(std::string_view key = {});
  JsonWriter& EndArray();
  JsonWriter& Field(std::string_view key, std::string_view value);
  JsonWriter& Field(std::string_view key, const char* value) { return Field(key, std::string_view(value)); }
  JsonWriter& Field(std::string_view key, const std::string& value) { return Field(key, std::string_view(value)); }
  JsonWriter& Field(std::string_view key, int64_t value);
  JsonWriter& Field(std::string_view key, int value) { return Field(key, int64_t{value}); }
  JsonWriter& Field(std::string_view key, uint64_t value);
  JsonWriter& Field(std::string_view key, double value);
  JsonWriter& Field(std::string_view key, bool value);
  JsonWriter& Null(std::string_view key);
  JsonWriter& Raw(std::string_view key, std::string_view json);  // an already-encoded value
  const std::string& text() const { return out_; }

 private:
  void Key(std::string_view key);
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_JSON_WRITER_H_
