#ifndef SANDTAB_BROWSER_TAB_POINTER_MOTION_H_
#define SANDTAB_BROWSER_TAB_POINTER_MOTION_H_

#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

// Mouse moves towards one renderer, coalesced as Chrome's input router
// coalesces them: at most one MouseMove in flight; positions that come
// while it is unanswered replace each other, and only the latest goes when
// the renderer's MouseMoveAck comes. A renderer that stops answering gets
// one message, however long the pointer moves: the window never queues
// work behind it.
class PointerMotion {
 public:
  using Sender = std::function<void(int x, int y)>;
  explicit PointerMotion(Sender send) : send_(std::move(send)) {}

  // The pointer is at viewport (x, y) now; negative: it left the page.
  void Move(int x, int y);
  // The renderer answered the move in flight. An ack with none in flight is
  // the renderer's lie: an error (a bad message).
  Status Acked();
  bool in_flight() const { return in_flight_; }
  // How many positions were dropped for a later one (for tests and stats).
  uint64_t coalesced() const { return coalesced_; }

 private:
  struct Point {
    int x;
    int y;
  };
  Sender send_;
  bool in_flight_ = false;
  std::optional<Point> waiting_;
  uint64_t coalesced_ = 0;
};

// The status line's words for a link the renderer says is under the
// pointer (DESIGN section 12: bounded, control characters replaced): an
// error when the renderer breaks HoveredLink's rules (longer than
// kMaxUrlBytes, not an absolute URL), else the URL as the window shows it,
// cut to kMaxShownLinkBytes. "" is no link.
inline constexpr size_t kMaxShownLinkBytes = 1024;
Result<std::string> ShownHoveredLink(const proto::HoveredLink& link);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_POINTER_MOTION_H_
