// ShapedText: one piece of text (a word, a space) itemized by Pango and
// shaped by HarfBuzz, without a PangoLayout. A layout asks each new font for
// Pango's full metrics (pango_font_get_metrics) to size its line, and Pango
// computes those by laying out a sample sentence and the ten digits in a
// context of their own: 150-250 us for every (face, size) a page uses first
// (article.html: 14 of them, a quarter of its first frame). litehtml measures
// and draws single pieces on a line it placed itself, so the line metrics
// are never needed; the font's own metrics come from its tables
// (FontMetricsOf), as Chrome's come from Skia's, not from a sample.
#ifndef SANDTAB_RENDERER_PAGE_SHAPED_TEXT_H_
#define SANDTAB_RENDERER_PAGE_SHAPED_TEXT_H_

#include <cairo.h>
#include <pango/pango.h>

#include <string>
#include <string_view>
#include <vector>

namespace sandtab::renderer {

// What litehtml needs of a font, in CSS pixels (y down, from the baseline).
struct FontMetrics {
  int ascent = 0;                     // rounded up, as Pango's PANGO_PIXELS_CEIL
  int descent = 0;                    // rounded up
  double underline_position = 0;      // below the baseline
  double underline_thickness = 0;     // unrounded
  double strikethrough_position = 0;  // above the baseline
  int x_height = 0;                   // the ink height of "x", in whole pixels
};

// The metrics of the font `description` selects in `context` (the first font
// of its fontset, as pango_context_get_metrics takes), equal to what
// pango_context_get_metrics and a PangoLayout of "x" gave (a unit test
// compares every face at every size from 1 to 200 px).
FontMetrics FontMetricsOf(PangoContext* context, const PangoFontDescription* description);

class ShapedText {
 public:
  // Whether `text` is one line a ShapedText measures and draws as a layout
  // would: not with a tab (a layout moves to the next tab stop) or a line or
  // paragraph break (a layout starts a new line there).
  static bool Handles(std::string_view text);

  ShapedText(PangoContext* context, const PangoFontDescription* description, std::string_view text);
  ~ShapedText();
  ShapedText(const ShapedText&) = delete;
  ShapedText& operator=(const ShapedText&) = delete;

  // The logical width in Pango units, as pango_layout_get_size gives it.
  int width() const { return width_; }
  // Ink and logical rectangles of the runs side by side, relative to the
  // left end of the baseline (Pango units), as pango_glyph_string_extents.
  void Extents(PangoRectangle* ink, PangoRectangle* logical) const;
  // Draws the runs left to right from (x, baseline) in the source of `cr`,
  // as pango_cairo_show_layout_line draws a layout's line.
  void Draw(cairo_t* cr, double x, double baseline) const;

 private:
  std::string text_;                  // the glyph items' clusters point into it
  std::vector<PangoGlyphItem> runs_;  // in visual order; each owns its item and glyphs
  int width_ = 0;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_SHAPED_TEXT_H_
