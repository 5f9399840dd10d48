#ifndef SANDTAB_BROWSER_WINDOW_ADDRESS_BAR_H_
#define SANDTAB_BROWSER_WINDOW_ADDRESS_BAR_H_

#include <cstddef>
#include <string>

namespace sandtab::browser {

// The address bar's editing state (Chrome's omnibox, without suggestions):
// unfocused it shows the active tab's URL; focused (a click, Ctrl+L) it
// selects everything, so typing replaces the URL; Enter commits the text,
// Escape gives the URL back. Text is UTF-8, the cursor a byte offset that
// never splits a character.
class AddressBar {
 public:
  static constexpr size_t kMaxBytes = 8192;

  // The URL shown while not editing (ignored while editing: the user's
  // text is not overwritten by a page that finishes loading).
  void ShowUrl(const std::string& url);
  void Focus();
  // Stops editing and shows the URL again.
  void Cancel();
  // The text to navigate to, and editing stops.
  std::string Commit();

  void Insert(const std::string& utf8);
  void Backspace();
  void Delete();
  void MoveLeft();
  void MoveRight();
  void Home();
  void End();
  void SelectAll();

  bool focused() const { return focused_; }
  bool all_selected() const { return all_selected_; }
  const std::string& text() const { return focused_ ? text_ : url_; }
  size_t cursor() const { return cursor_; }

 private:
  // Typing over a selection replaces it.
  void ReplaceSelection();

  std::string url_;
  std::string text_;
  size_t cursor_ = 0;
  bool focused_ = false;
  bool all_selected_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_ADDRESS_BAR_H_
