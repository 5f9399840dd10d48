// CleanJson: a child's JSON text is one JSON value or refused, comes out on
// one line, and its strings carry no control characters back out.
#include "browser/common/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sandtab::browser {
namespace {

std::string Clean(std::string_view text) {
  auto clean = CleanJson(text);
  EXPECT_TRUE(clean) << text << ": " << clean.error();
  return clean ? *clean : "";
}

void ExpectRefused(std::string_view text, std::string_view why) {
  auto clean = CleanJson(text);
  ASSERT_FALSE(clean) << text << " was taken as " << *clean;
  EXPECT_NE(clean.error().find(why), std::string::npos) << clean.error();
}

TEST(CleanJsonTest, ScalarsPassUnchanged) {
  EXPECT_EQ(Clean("3"), "3");
  EXPECT_EQ(Clean("-0.5e+10"), "-0.5e+10");
  EXPECT_EQ(Clean("true"), "true");
  EXPECT_EQ(Clean("false"), "false");
  EXPECT_EQ(Clean("null"), "null");
  EXPECT_EQ(Clean(R"("sandtab")"), R"("sandtab")");
}

TEST(CleanJsonTest, WhitespaceBetweenTokensGoesAndTheStructureStays) {
  EXPECT_EQ(Clean(" {\n  \"a\" : [ 1 , {\"b\":[]} , {} ],\r\n\t\"c\": \"x y\" }\n"),
            R"({"a":[1,{"b":[]},{}],"c":"x y"})");
}

TEST(CleanJsonTest, EscapesAreDecodedAndQuotedAgain) {
  EXPECT_EQ(Clean(R"("a\"b\\c\/d\n\t")"), R"("a\"b\\c/d\n\t")");
  EXPECT_EQ(Clean(R"("\u00e9\ud83d\ude00")"), "\"\xc3\xa9\xf0\x9f\x98\x80\"");
  // A lone surrogate decodes to U+FFFD.
  EXPECT_EQ(Clean(R"("\ud800x")"), "\"\xef\xbf\xbdx\"");
}

TEST(CleanJsonTest, ControlCharactersDoNotComeBackOut) {
  // An escaped ESC or CR, a raw C1 character: visible text, as JsonQuote makes them.
  EXPECT_EQ(Clean(R"("\u001b]0;pwned\u0007")"), R"("\\x1b]0;pwned\\x07")");
  EXPECT_EQ(Clean(R"("a\rb")"), R"("a\\x0db")");
  EXPECT_EQ(Clean("\"\xc2\x9b"
                  "2J\""),
            R"("\\x9b2J")");
  EXPECT_EQ(Clean(R"({"\u001b": 1})"), R"({"\\x1b":1})");
}

TEST(CleanJsonTest, DeepNestingNeedsNoRecursion) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(Clean(deep), deep);
}

TEST(CleanJsonTest, MoreThanOneValueIsRefused) {
  ExpectRefused("1, \"id\": 2", "text after the value");
  ExpectRefused("{} {}", "text after the value");
  ExpectRefused("truex", "text after the value");
}

TEST(CleanJsonTest, MalformedTextIsRefused) {
  ExpectRefused("", "ends inside the value");
  ExpectRefused("[1,", "ends inside the value");
  ExpectRefused("[1 2]", "neither ',' nor the container's end");
  ExpectRefused("[1,]", "not a JSON value");
  ExpectRefused("{\"a\" 1}", "no ':' after a key");
  ExpectRefused("{1: 2}", "an object key that is not a string");
  ExpectRefused("[1}", "neither ',' nor the container's end");
  ExpectRefused("\"abc", "without its closing quote");
  ExpectRefused("\"a\nb\"", "a control character inside a string");
  ExpectRefused(R"("\x41")", "an unknown escape");
  ExpectRefused(R"("\u12")", "four hex digits");
  ExpectRefused("01", "text after the value");
  ExpectRefused("-", "without digits");
  ExpectRefused("1.", "without digits");
  ExpectRefused("1e", "without digits");
  ExpectRefused("undefined", "not a JSON value");
  ExpectRefused("NaN", "not a JSON value");
}

}  // namespace
}  // namespace sandtab::browser
