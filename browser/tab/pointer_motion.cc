#include "browser/tab/pointer_motion.h"

#include <cctype>

#include "browser/common/terminal_text.h"
#include "proto/limits.h"

namespace sandtab::browser {
namespace {

// RFC 3986's scheme: a letter, then letters, digits, '+', '-', '.', then ':'.
bool StartsWithScheme(const std::string& url) {
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (char c : url) {
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

}  // namespace

void PointerMotion::Move(int x, int y) {
  if (in_flight_) {
    if (waiting_) ++coalesced_;
    waiting_ = Point{x, y};
    return;
  }
  in_flight_ = true;
  send_(x, y);
}

Status PointerMotion::Acked() {
  if (!in_flight_) return Error{"MouseMoveAck without a MouseMove in flight"};
  in_flight_ = false;
  if (waiting_) {
    const Point next = *waiting_;
    waiting_.reset();
    Move(next.x, next.y);
  }
  return OkStatus();
}

Result<std::string> ShownHoveredLink(const proto::HoveredLink& link) {
  const std::string& url = link.url();
  if (url.empty()) return std::string();
  if (url.size() > proto::kMaxUrlBytes) return Error{"HoveredLink: url longer than kMaxUrlBytes"};
  if (!StartsWithScheme(url)) return Error{"HoveredLink: url is not an absolute URL"};
  return TruncateText(SanitizeForTerminal(url), kMaxShownLinkBytes);
}

}  // namespace sandtab::browser
