#ifndef SANDTAB_RENDERER_SCROLL_POSITION_H_
#define SANDTAB_RENDERER_SCROLL_POSITION_H_

namespace sandtab::renderer {

// The document's vertical scroll offset. A position restored from history
// (Navigate.scroll_y, on back and forward) cannot apply to a page that is
// not yet tall enough: it is held and applied at every layout until the
// page is complete, as a browser restores a long article whose images are
// still arriving. The user's own scroll ends the wait.
class ScrollPosition {
 public:
  // A new document, to be shown at `restored_y` once it is tall enough.
  void Reset(int restored_y);
  // The user scrolls by `delta_y`: a restore still waiting lapses. Clamped
  // at the next Clamp.
  void ScrollBy(int delta_y);
  // After a layout: applies a waiting restore, then keeps the offset within
  // the content (0 .. content_height - viewport_height). A complete page
  // ends the wait.
  void Clamp(int content_height, int viewport_height, bool page_complete);

  int y() const { return y_; }

 private:
  int y_ = 0;
  int restored_y_ = 0;  // 0: nothing waits
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_SCROLL_POSITION_H_
