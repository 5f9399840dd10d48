#include "browser/common/terminal_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sandtab::browser {
namespace {

using namespace std::string_literals;

// True when `text` is printable ASCII only (plus line breaks if allowed).
bool PrintableAscii(const std::string& text, bool line_breaks_allowed) {
  for (unsigned char c : text) {
    if (line_breaks_allowed && (c == '\n' || c == '\t')) continue;
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

TEST(SanitizeForTerminalTest, PlainTextAndUtf8PassThrough) {
  EXPECT_EQ(SanitizeForTerminal("Hello, world"), "Hello, world");
  EXPECT_EQ(SanitizeForTerminal("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80");
  EXPECT_EQ(SanitizeForTerminal(""), "");
}

TEST(SanitizeForTerminalTest, EscapeSequencesBecomeVisibleText) {
  EXPECT_EQ(SanitizeForTerminal("\x1b[31mX"), "\\x1b[31mX");
  EXPECT_EQ(SanitizeForTerminal("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
  EXPECT_EQ(SanitizeForTerminal("a\rb\nc\td\x7f"), "a\\x0db\\x0ac\\x09d\\x7f");
  EXPECT_EQ(SanitizeForTerminal("a\0b"s), "a\\x00b");
}

TEST(SanitizeForTerminalTest, C1ControlsAndBrokenUtf8AreReplaced) {
  EXPECT_EQ(SanitizeForTerminal("\xc2\x9b"
                                "2J"),
            "\\x9b2J");  // C1 CSI as UTF-8
  EXPECT_EQ(SanitizeForTerminal("\x9b"
                                "2J"),
            "\\x9b2J");                                                        // a raw 0x9b byte
  EXPECT_EQ(SanitizeForTerminal("\xc2\xa0"), "\xc2\xa0");                      // U+00A0 is not a control
  EXPECT_EQ(SanitizeForTerminal("\xc0\x9b"), "\\xc0\\x9b");                    // overlong
  EXPECT_EQ(SanitizeForTerminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // surrogate
  EXPECT_EQ(SanitizeForTerminal("\xe2\x9c"), "\\xe2\\x9c");                    // truncated
  EXPECT_EQ(SanitizeForTerminal("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
}

TEST(SanitizeForTerminalTest, EveryByteComesOutInert) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  // Each byte alone: ASCII controls, and lone bytes >= 0x80 (no UTF-8).
  EXPECT_TRUE(PrintableAscii(SanitizeForTerminal(all), false));
  std::string kept;
  AppendSanitized(kept, "line one\n\tline two\x1b", /*keep_line_breaks=*/true);
  EXPECT_EQ(kept, "line one\n\tline two\\x1b");
  EXPECT_TRUE(PrintableAscii(kept, true));
}

TEST(TruncateTextTest, ShortTextIsKept) {
  EXPECT_EQ(TruncateText("short", 300), "short");
  EXPECT_EQ(TruncateText(std::string(300, 'a'), 300), std::string(300, 'a'));
}

TEST(TruncateTextTest, LongTextIsCutAndSaysHowLongItWas) {
  const std::string cut = TruncateText(std::string(2 << 20, 'x'), 300);
  EXPECT_LE(cut.size(), 300u);
  const std::string marker = "...[2097152 bytes]";
  ASSERT_GT(cut.size(), marker.size());
  EXPECT_EQ(cut.substr(cut.size() - marker.size()), marker);
  EXPECT_EQ(cut.find_first_not_of('x'), cut.find("...["));
}

TEST(TruncateTextTest, NeverSplitsACharacter) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xe2\x9c\x93";  // U+2713, 3 bytes each
  for (size_t max = 20; max < 40; ++max) {
    const std::string cut = TruncateText(text, max);
    EXPECT_LE(cut.size(), max);
    const size_t body = cut.find("...[");
    ASSERT_NE(body, std::string::npos);
    EXPECT_EQ(body % 3, 0u) << max;
  }
}

}  // namespace
}  // namespace sandtab::browser
