#include "renderer/page/shaped_text.h"

#include <hb-ot.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace sandtab::renderer {
namespace {

gboolean TakeFirstFont(PangoFontset*, PangoFont* font, gpointer out) {
  *static_cast<PangoFont**>(out) = PANGO_FONT(g_object_ref(font));
  return TRUE;  // stop: the first is the one
}

// The smallest rectangle holding both; an empty one holds nothing.
PangoRectangle Union(const PangoRectangle& a, const PangoRectangle& b) {
  if (a.width <= 0 || a.height <= 0) return b;
  if (b.width <= 0 || b.height <= 0) return a;
  const int left = std::min(a.x, b.x), top = std::min(a.y, b.y);
  const int right = std::max(a.x + a.width, b.x + b.width), bottom = std::max(a.y + a.height, b.y + b.height);
  return PangoRectangle{left, top, right - left, bottom - top};
}

}  // namespace

FontMetrics FontMetricsOf(PangoContext* context, const PangoFontDescription* description) {
  FontMetrics metrics;
  // The language Pango itemizes in: the context's, if one was set, else the
  // process's default (what the zygote matched the common sizes for).
  PangoLanguage* language = pango_context_get_language(context);
  if (!language) language = pango_language_get_default();
  PangoFontset* fontset = pango_context_load_fontset(context, description, language);
  if (!fontset) return metrics;
  PangoFont* font = nullptr;
  pango_fontset_foreach(fontset, TakeFirstFont, &font);
  g_object_unref(fontset);
  if (!font) return metrics;

  // What PangoFcFont reads for its metrics before it lays out its sample:
  // the horizontal extents and the OpenType post/OS2 positions, in Pango
  // units (HarfBuzz's scale for a Pango font).
  hb_font_t* hb_font = pango_font_get_hb_font(font);
  hb_font_extents_t extents{};
  hb_font_get_h_extents(hb_font, &extents);
  hb_position_t underline_size = PANGO_SCALE, underline_offset = -PANGO_SCALE, strikeout_offset = 0;
  hb_ot_metrics_get_position(hb_font, HB_OT_METRICS_TAG_UNDERLINE_SIZE, &underline_size);
  hb_ot_metrics_get_position(hb_font, HB_OT_METRICS_TAG_UNDERLINE_OFFSET, &underline_offset);
  hb_ot_metrics_get_position(hb_font, HB_OT_METRICS_TAG_STRIKEOUT_OFFSET, &strikeout_offset);
  metrics.ascent = PANGO_PIXELS_CEIL(extents.ascender);
  metrics.descent = PANGO_PIXELS_CEIL(-extents.descender);
  metrics.underline_position = -underline_offset / double(PANGO_SCALE);
  metrics.underline_thickness = underline_size / double(PANGO_SCALE);
  metrics.strikethrough_position = strikeout_offset / double(PANGO_SCALE);
  g_object_unref(font);

  // x-height as a one-line layout of "x" measured it: the glyph's ink box
  // with the line's top at 0, rounded outwards to whole pixels.
  ShapedText x(context, description, "x");
  PangoRectangle ink, logical;
  x.Extents(&ink, &logical);
  ink.y -= logical.y;
  pango_extents_to_pixels(&ink, nullptr);
  metrics.x_height = ink.height;
  return metrics;
}

bool ShapedText::Handles(std::string_view text) {
  // A tab, and the breaks a layout starts a new line at: LF, CR, U+2028
  // LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (E2 80 A8 / A9). A
  // layout keeps VT, FF and U+0085 on its line, as a ShapedText does.
  return text.find_first_of("\t\n\r") == std::string_view::npos &&
         text.find("\xE2\x80\xA8") == std::string_view::npos && text.find("\xE2\x80\xA9") == std::string_view::npos;
}

ShapedText::ShapedText(PangoContext* context, const PangoFontDescription* description, std::string_view text)
    : text_(text) {
  // pango_itemize and pango_shape require valid UTF-8 (a layout checks it
  // for them): invalid sequences become U+FFFD, as the layout shows them.
  if (!g_utf8_validate(text_.data(), static_cast<gssize>(text_.size()), nullptr)) {
    gchar* valid = g_utf8_make_valid(text_.data(), static_cast<gssize>(text_.size()));
    text_ = valid;
    g_free(valid);
  }
  const int length = static_cast<int>(text_.size());
  // As a PangoLayout with this font and auto direction itemizes its one
  // paragraph: Pango 1.50's layout still calls the deprecated function.
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  PangoDirection base_dir = pango_find_base_dir(text_.data(), length);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (base_dir == PANGO_DIRECTION_NEUTRAL) base_dir = pango_context_get_base_dir(context);
  PangoAttrList* attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_font_desc_new(description));
  GList* logical = pango_itemize_with_base_dir(context, base_dir, text_.data(), 0, length, attrs, nullptr);
  pango_attr_list_unref(attrs);
  GList* visual = pango_reorder_items(logical);  // the same items, in a new list
  g_list_free(logical);
  const PangoShapeFlags flags =
      pango_context_get_round_glyph_positions(context) ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
  for (GList* node = visual; node; node = node->next) {
    auto* item = static_cast<PangoItem*>(node->data);
    PangoGlyphString* glyphs = pango_glyph_string_new();
    pango_shape_with_flags(text_.data() + item->offset, item->length, text_.data(), length, &item->analysis, glyphs,
                           flags);
    width_ += pango_glyph_string_get_width(glyphs);
    runs_.push_back(PangoGlyphItem{item, glyphs, 0, 0, 0});
  }
  g_list_free(visual);
}

ShapedText::~ShapedText() {
  for (PangoGlyphItem& run : runs_) {
    pango_glyph_string_free(run.glyphs);
    pango_item_free(run.item);
  }
}

void ShapedText::Extents(PangoRectangle* ink, PangoRectangle* logical) const {
  *ink = *logical = PangoRectangle{0, 0, 0, 0};
  int x = 0;
  for (const PangoGlyphItem& run : runs_) {
    PangoRectangle run_ink, run_logical;
    pango_glyph_string_extents(run.glyphs, run.item->analysis.font, &run_ink, &run_logical);
    run_ink.x += x;
    run_logical.x += x;
    x += run_logical.width;
    *ink = Union(*ink, run_ink);
    *logical = Union(*logical, run_logical);
  }
}

void ShapedText::Draw(cairo_t* cr, double x, double baseline) const {
  int offset = 0;  // Pango units, as the layout's renderer adds them up
  for (const PangoGlyphItem& run : runs_) {
    cairo_move_to(cr, x + offset / double(PANGO_SCALE), baseline);
    pango_cairo_show_glyph_item(cr, text_.data(), const_cast<PangoGlyphItem*>(&run));
    offset += pango_glyph_string_get_width(run.glyphs);
  }
}

}  // namespace sandtab::renderer
