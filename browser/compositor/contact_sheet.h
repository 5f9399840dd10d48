#ifndef SANDTAB_BROWSER_COMPOSITOR_CONTACT_SHEET_H_
#define SANDTAB_BROWSER_COMPOSITOR_CONTACT_SHEET_H_

#include <cstddef>
#include <string>

#include "browser/common/png_writer.h"

namespace sandtab::browser {

class Tab;
class PluginBroker;

// Where `screenshot all` puts each tab: a grid of labelled thumbnails. A few
// tabs sit side by side at half size; more go into a near-square grid whose
// width stays within kMaxWidth, the thumbnails shrinking instead, so 500
// tabs make a 4096-pixel-wide picture (~50 MB of pixels), not a strip 320,000
// pixels wide that no viewer opens.
struct SheetLayout {
  static constexpr int kMaxWidth = 4096;
  static constexpr double kMaxScale = 0.5;
  static constexpr int kGap = 8;
  static constexpr int kLabelHeight = 28;

  size_t cells = 0;
  int columns = 0;
  int rows = 0;
  double scale = 0;     // of a tab's pixels in its thumbnail
  int thumb_width = 0;  // a thumbnail; its label sits above it
  int thumb_height = 0;
  int width = 0;  // the whole sheet
  int height = 0;

  // The top-left corner of cell `index`'s label; its thumbnail starts
  // kLabelHeight below.
  int CellX(size_t index) const;
  int CellY(size_t index) const;
};
SheetLayout LayoutSheet(size_t tabs, int tab_width, int tab_height);

// The picture itself, drawn one tab at a time (so a caller can bring tabs
// back from the background a few at a time and let the loop run between).
// Loop thread only (Pango).
class ContactSheet {
 public:
  // The sheet's background alone: no text, so any thread may make it (at
  // 500 tabs it is 51 MB of new pages, ~40-60 ms here, kept off the loop).
  static Image Blank(const SheetLayout& layout);

  // Draws onto `blank` (from Blank(layout)); an image of another size is
  // replaced by a blank one made here. `scratch`, when it already has one
  // tab's size, takes each tab at full size before it is scaled (made off
  // the loop too, its 4 MB would otherwise be new pages on the first draw).
  ContactSheet(const SheetLayout& layout, Image blank, Image scratch = {});

  const SheetLayout& layout() const { return layout_; }
  // Cell `index`: the tab as ComposeTab shows it, scaled, under a label
  // with its id, pid and state.
  void Draw(size_t index, const Tab& tab, const PluginBroker* plugins);
  // Cell `index` for a tab closed before its turn: the label says so.
  void DrawClosed(size_t index, int tab_id);
  Image Take() { return std::move(sheet_); }

 private:
  void DrawLabel(size_t index, const std::string& label);

  SheetLayout layout_;
  Image sheet_;
  Image scratch_;  // one tab at full size, reused from cell to cell
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_CONTACT_SHEET_H_
