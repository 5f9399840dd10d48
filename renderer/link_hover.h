#ifndef SANDTAB_RENDERER_LINK_HOVER_H_
#define SANDTAB_RENDERER_LINK_HOVER_H_

#include <optional>
#include <string>

namespace sandtab::renderer {

// Which link the pointer is over, as the browser was last told (HoveredLink):
// the renderer says it again only when it changes, so a pointer moving
// across one link or over plain text costs no message beyond the ack.
class LinkHover {
 public:
  // The pointer is now over `link` (a resolved href, or none). Returns what
  // to tell the browser when that changed: the link, or "" for none. A link
  // the browser would refuse (not absolute, longer than kMaxUrlBytes) is
  // none: nowhere a click could go either.
  std::optional<std::string> Update(const std::optional<std::string>& link);
  // A new document: nothing is hovered, and the browser forgets it too.
  void Reset() { current_.clear(); }
  const std::string& current() const { return current_; }

 private:
  std::string current_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_LINK_HOVER_H_
