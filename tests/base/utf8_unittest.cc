#include "base/utf8.h"

#include <gtest/gtest.h>

namespace sandtab {
namespace {

TEST(CutUtf8, NeverSplitsACharacter) {
  std::string short_text = "abc";
  CutUtf8(short_text, 3);
  EXPECT_EQ(short_text, "abc");
  std::string text = "a\xC3\xA9\xE2\x82\xAC";  // a, é (2 bytes), € (3 bytes)
  CutUtf8(text, 5);                            // the bound falls inside the €
  EXPECT_EQ(text, "a\xC3\xA9");
  std::string accent = "\xC3\xA9";
  CutUtf8(accent, 1);
  EXPECT_EQ(accent, "");
}

}  // namespace
}  // namespace sandtab
