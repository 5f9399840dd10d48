#include "browser/window/address_bar.h"

#include <algorithm>

#include "base/utf8.h"

namespace sandtab::browser {
namespace {

bool IsContinuation(char byte) { return (static_cast<unsigned char>(byte) & 0xc0) == 0x80; }

size_t PreviousBoundary(const std::string& text, size_t at) {
  if (at == 0) return 0;
  --at;
  while (at > 0 && IsContinuation(text[at])) --at;
  return at;
}

size_t NextBoundary(const std::string& text, size_t at) {
  if (at >= text.size()) return text.size();
  ++at;
  while (at < text.size() && IsContinuation(text[at])) ++at;
  return at;
}

}  // namespace

void AddressBar::ShowUrl(const std::string& url) { url_ = url; }

void AddressBar::Focus() {
  if (!focused_) text_ = url_;
  focused_ = true;
  SelectAll();
}

void AddressBar::Cancel() {
  focused_ = false;
  all_selected_ = false;
  text_.clear();
  cursor_ = 0;
}

std::string AddressBar::Commit() {
  std::string committed = text_;
  Cancel();
  return committed;
}

void AddressBar::SelectAll() {
  all_selected_ = true;
  cursor_ = text_.size();
}

void AddressBar::ReplaceSelection() {
  if (!all_selected_) return;
  text_.clear();
  cursor_ = 0;
  all_selected_ = false;
}

void AddressBar::Insert(const std::string& utf8) {
  if (!focused_) return;
  ReplaceSelection();
  // Whole characters only, and no more than the bound.
  std::string piece = utf8;
  CutUtf8(piece, kMaxBytes - std::min(kMaxBytes, text_.size()));
  text_.insert(cursor_, piece);
  cursor_ += piece.size();
}

void AddressBar::Backspace() {
  if (!focused_) return;
  if (all_selected_) return ReplaceSelection();
  const size_t from = PreviousBoundary(text_, cursor_);
  text_.erase(from, cursor_ - from);
  cursor_ = from;
}

void AddressBar::Delete() {
  if (!focused_) return;
  if (all_selected_) return ReplaceSelection();
  text_.erase(cursor_, NextBoundary(text_, cursor_) - cursor_);
}

void AddressBar::MoveLeft() {
  if (all_selected_) {
    all_selected_ = false;
    cursor_ = 0;
    return;
  }
  cursor_ = PreviousBoundary(text_, cursor_);
}

void AddressBar::MoveRight() {
  all_selected_ = false;
  cursor_ = NextBoundary(text_, cursor_);
}

void AddressBar::Home() {
  all_selected_ = false;
  cursor_ = 0;
}

void AddressBar::End() {
  all_selected_ = false;
  cursor_ = text_.size();
}

}  // namespace sandtab::browser
