// AddressBar: Chrome's omnibox editing without suggestions.
#include "browser/window/address_bar.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

TEST(AddressBarTest, ShowsTheUrlUntilFocusedThenTypingReplacesIt) {
  AddressBar bar;
  bar.ShowUrl("file:///pages/index.html");
  EXPECT_FALSE(bar.focused());
  EXPECT_EQ(bar.text(), "file:///pages/index.html");
  bar.Insert("x");  // not editing: ignored
  EXPECT_EQ(bar.text(), "file:///pages/index.html");

  bar.Focus();
  EXPECT_TRUE(bar.all_selected());
  EXPECT_EQ(bar.text(), "file:///pages/index.html");
  bar.Insert("art");
  bar.Insert("icle.html");
  EXPECT_FALSE(bar.all_selected());
  EXPECT_EQ(bar.text(), "article.html");
  EXPECT_EQ(bar.cursor(), 12u);
}

TEST(AddressBarTest, ALoadingPageDoesNotOverwriteWhatIsBeingTyped) {
  AddressBar bar;
  bar.ShowUrl("a.html");
  bar.Focus();
  bar.Insert("b");
  bar.ShowUrl("c.html");
  EXPECT_EQ(bar.text(), "b");
  EXPECT_EQ(bar.Commit(), "b");
  EXPECT_FALSE(bar.focused());
  EXPECT_EQ(bar.text(), "c.html");
}

TEST(AddressBarTest, EscapeGivesTheUrlBack) {
  AddressBar bar;
  bar.ShowUrl("a.html");
  bar.Focus();
  bar.Insert("zzz");
  bar.Cancel();
  EXPECT_EQ(bar.text(), "a.html");
  bar.Focus();
  EXPECT_EQ(bar.text(), "a.html") << "editing starts from the URL, not from the cancelled text";
}

TEST(AddressBarTest, CursorMovesAndDeletesWholeUtf8Characters) {
  AddressBar bar;
  bar.Focus();
  bar.Insert("a\xc3\xa9z");  // a, e-acute (2 bytes), z
  bar.MoveLeft();            // before z
  bar.MoveLeft();            // before e-acute, not inside it
  EXPECT_EQ(bar.cursor(), 1u);
  bar.Delete();
  EXPECT_EQ(bar.text(), "az");
  bar.End();
  bar.Insert("\xc3\xa9");
  bar.Backspace();
  EXPECT_EQ(bar.text(), "az");
  bar.Home();
  bar.Insert(">");
  EXPECT_EQ(bar.text(), ">az");
  bar.MoveRight();
  EXPECT_EQ(bar.cursor(), 2u);
}

TEST(AddressBarTest, BackspaceOverASelectionClearsIt) {
  AddressBar bar;
  bar.ShowUrl("abc");
  bar.Focus();
  bar.Backspace();
  EXPECT_EQ(bar.text(), "");
  bar.Insert("q");
  bar.SelectAll();
  bar.Delete();
  EXPECT_EQ(bar.text(), "");
}

TEST(AddressBarTest, TextIsBoundedWithoutSplittingACharacter) {
  AddressBar bar;
  bar.Focus();
  bar.Insert(std::string(AddressBar::kMaxBytes - 1, 'a'));
  bar.Insert("\xc3\xa9");  // one byte of room: the character does not fit
  EXPECT_EQ(bar.text().size(), AddressBar::kMaxBytes - 1);
  bar.Insert("bc");
  EXPECT_EQ(bar.text().size(), AddressBar::kMaxBytes);
}

}  // namespace
}  // namespace sandtab::browser
