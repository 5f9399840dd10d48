#include "browser/common/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace sandtab::browser {
namespace {

using namespace std::string_literals;

TEST(JsonQuoteTest, PlainText) {
  EXPECT_EQ(JsonQuote(""), R"("")");
  EXPECT_EQ(JsonQuote("tab 1"), R"("tab 1")");
}

TEST(JsonQuoteTest, QuotesAndBackslashes) {
  EXPECT_EQ(JsonQuote(R"(say "hi")"), R"("say \"hi\"")");
  EXPECT_EQ(JsonQuote(R"(C:\path\)"), R"("C:\\path\\")");
  EXPECT_EQ(JsonQuote(R"(\")"), R"("\\\"")");
}

TEST(JsonQuoteTest, ControlCharacters) {
  // Line breaks stay (as JSON escapes); every other control is replaced by
  // visible text, so no consumer that decodes the JSON gets it back.
  EXPECT_EQ(JsonQuote("a\nb\tc"), R"("a\nb\tc")");
  EXPECT_EQ(JsonQuote("a\rb"), R"("a\\x0db")");
  EXPECT_EQ(JsonQuote("\x01"), R"("\\x01")");
  EXPECT_EQ(JsonQuote("\x1b[31m"), R"("\\x1b[31m")");
  EXPECT_EQ(JsonQuote("a\0b"s), R"("a\\x00b")");
  EXPECT_EQ(JsonQuote("\x7f\xc2\x9b"), R"("\\x7f\\x9b")");
  EXPECT_EQ(JsonQuote("\xff"), R"("\\xff")");
  // Nothing below 0x20 may pass through raw, nor as a \u escape of one.
  for (int c = 0; c < 0x20; ++c) {
    std::string quoted = JsonQuote(std::string(1, static_cast<char>(c)));
    for (char out : quoted) EXPECT_GE(static_cast<unsigned char>(out), 0x20) << "control " << c;
    EXPECT_EQ(quoted.find("\\u"), std::string::npos) << quoted;
  }
}

TEST(JsonQuoteTest, Utf8PassesThrough) {
  EXPECT_EQ(JsonQuote("caf\xc3\xa9 \xe2\x9c\x93"), "\"caf\xc3\xa9 \xe2\x9c\x93\"");
}

TEST(JsonWriterTest, FlatObject) {
  JsonWriter json;
  json.BeginObject().Field("id", 3).Field("url", "about:blank").Field("alive", true).Null("crash").EndObject();
  EXPECT_EQ(json.text(), R"({"id":3,"url":"about:blank","alive":true,"crash":null})");
}

TEST(JsonWriterTest, KeysAreEscapedToo) {
  JsonWriter json;
  json.BeginObject().Field("a\"b\n", "v").EndObject();
  EXPECT_EQ(json.text(), R"({"a\"b\n":"v"})");
}

TEST(JsonWriterTest, Nesting) {
  JsonWriter json;
  json.BeginObject()
      .Field("count", 2)
      .BeginArray("tabs")
      .BeginObject()
      .Field("id", 1)
      .Field("ok", false)
      .EndObject()
      .BeginObject()
      .Field("id", 2)
      .BeginArray("empty")
      .EndArray()
      .EndObject()
      .EndArray()
      .BeginObject("inner")
      .BeginObject("deeper")
      .Field("s", "t")
      .EndObject()
      .EndObject()
      .BeginObject("none")
      .EndObject()
      .EndObject();
  EXPECT_EQ(json.text(), R"({"count":2,"tabs":[{"id":1,"ok":false},{"id":2,"empty":[]}],)"
                         R"("inner":{"deeper":{"s":"t"}},"none":{}})");
}

TEST(JsonWriterTest, ArraysOfBareValues) {
  JsonWriter json;
  json.BeginArray().Field("", 1).Field("", "two").Field("", true).Null("").BeginArray().EndArray().EndArray();
  EXPECT_EQ(json.text(), R"([1,"two",true,null,[]])");
}

TEST(JsonWriterTest, RawValues) {
  JsonWriter json;
  json.BeginObject().Raw("list", "[1,2]").Field("after", 1).EndObject();
  EXPECT_EQ(json.text(), R"({"list":[1,2],"after":1})");
}

TEST(JsonWriterTest, StringOverloadsAgree) {
  JsonWriter json;
  const std::string owned = "x\"y";
  json.BeginObject().Field("a", owned).Field("b", owned.c_str()).Field("c", std::string_view(owned)).EndObject();
  EXPECT_EQ(json.text(), R"({"a":"x\"y","b":"x\"y","c":"x\"y"})");
}

TEST(JsonWriterTest, Integers) {
  JsonWriter json;
  json.BeginObject()
      .Field("zero", 0)
      .Field("negative", -42)
      .Field("int_min", std::numeric_limits<int>::min())
      .Field("i64_max", std::numeric_limits<int64_t>::max())
      .Field("i64_min", std::numeric_limits<int64_t>::min())
      .Field("u64_small", uint64_t{7})
      .EndObject();
  EXPECT_EQ(json.text(), R"({"zero":0,"negative":-42,"int_min":-2147483648,)"
                         R"("i64_max":9223372036854775807,"i64_min":-9223372036854775808,"u64_small":7})");
}

// Field(key, uint64_t) casts to int64_t, so values of 2^63 and above (a
// 64-bit hash, a cookie, a counter that wrapped) come out negative.
TEST(JsonWriterTest, LargeUnsignedIntegersStayPositive) {
  JsonWriter json;
  json.BeginArray().Field("", uint64_t{1} << 63).Field("", std::numeric_limits<uint64_t>::max()).EndArray();
  EXPECT_EQ(json.text(), "[9223372036854775808,18446744073709551615]");
}

TEST(JsonWriterTest, Doubles) {
  JsonWriter json;
  json.BeginArray().Field("", 1.5).Field("", -0.25).Field("", 0.0).Field("", 1e20).EndArray();
  EXPECT_EQ(json.text(), "[1.5,-0.25,0,1e+20]");
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  JsonWriter json;
  json.BeginArray()
      .Field("", std::nan(""))
      .Field("", std::numeric_limits<double>::infinity())
      .Field("", -std::numeric_limits<double>::infinity())
      .EndArray();
  EXPECT_EQ(json.text(), "[null,null,null]");
}

}  // namespace
}  // namespace sandtab::browser
