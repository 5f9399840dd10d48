// PageContainer: fonts and text, shaped by Pango. A litehtml font handle is a
// pointer to a Font; litehtml owns its lifetime through create/delete_font.
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "renderer/page/font_set.h"
#include "renderer/page/page_container.h"
#include "renderer/page/shaped_text.h"

namespace sandtab::renderer {
namespace {

// Pages may ask for absurd sizes; Pango and cairo would happily allocate
// glyph caches for them.
constexpr int kMinFontSize = 1;
constexpr int kMaxFontSize = 1024;
// litehtml measures word by word, the same words over and over.
constexpr size_t kMaxCachedWidths = 4096;

struct Font {
  PangoFontDescription* description = nullptr;
  unsigned int decoration = 0;
  int ascent = 0;
  int descent = 0;
  double underline_position = 0;  // below the baseline, px
  double line_thickness = 1;
  double strikethrough_position = 0;  // above the baseline, px
  std::unordered_map<std::string, int> widths;
};

Font* AsFont(litehtml::uint_ptr handle) { return reinterpret_cast<Font*>(handle); }

void SetText(PangoLayout* layout, const Font* font, const char* text) {
  pango_layout_set_font_description(layout, font->description);
  pango_layout_set_text(layout, text, -1);
}

}  // namespace

litehtml::uint_ptr PageContainer::create_font(const litehtml::tchar_t* face_name, int size, int weight,
                                              litehtml::font_style italic, unsigned int decoration,
                                              litehtml::font_metrics* fm) {
  auto* font = new Font();
  font->decoration = decoration;
  font->description = pango_font_description_new();
  pango_font_description_set_family(font->description, FamilyForCss(face_name ? face_name : ""));
  const int px = size < kMinFontSize ? kMinFontSize : (size > kMaxFontSize ? kMaxFontSize : size);
  pango_font_description_set_absolute_size(font->description, px * PANGO_SCALE);
  pango_font_description_set_weight(font->description, static_cast<PangoWeight>(weight < 100 ? 400 : weight));
  pango_font_description_set_style(font->description,
                                   italic == litehtml::fontStyleItalic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);

  const FontMetrics metrics = FontMetricsOf(SharedPangoContext(), font->description);
  font->ascent = metrics.ascent;
  font->descent = metrics.descent;
  font->underline_position = metrics.underline_position;
  font->line_thickness = std::max(1.0, std::round(metrics.underline_thickness));
  font->strikethrough_position = metrics.strikethrough_position;
  if (fm) {
    fm->ascent = font->ascent;
    fm->descent = font->descent;
    fm->height = font->ascent + font->descent;
    fm->x_height = metrics.x_height > 0 ? metrics.x_height : font->ascent / 2;
    fm->draw_spaces = (decoration & (litehtml::font_decoration_underline | litehtml::font_decoration_linethrough |
                                     litehtml::font_decoration_overline)) != 0;
  }
  return reinterpret_cast<litehtml::uint_ptr>(font);
}

void PageContainer::delete_font(litehtml::uint_ptr handle) {
  Font* font = AsFont(handle);
  if (!font) return;
  pango_font_description_free(font->description);
  delete font;
}

int PageContainer::text_width(const litehtml::tchar_t* text, litehtml::uint_ptr handle) {
  Font* font = AsFont(handle);
  if (!font || !text) return 0;
  if (auto it = font->widths.find(text); it != font->widths.end()) return it->second;
  int width = 0;
  if (ShapedText::Handles(text)) {
    width = ShapedText(SharedPangoContext(), font->description, text).width();
  } else {
    SetText(layout_, font, text);
    pango_layout_get_size(layout_, &width, nullptr);
  }
  width = PANGO_PIXELS(width);
  if (font->widths.size() >= kMaxCachedWidths) font->widths.clear();
  font->widths.emplace(text, width);
  return width;
}

void PageContainer::draw_text(litehtml::uint_ptr hdc, const litehtml::tchar_t* text, litehtml::uint_ptr handle,
                              litehtml::web_color color, const litehtml::position& pos) {
  auto* cr = reinterpret_cast<cairo_t*>(hdc);
  Font* font = AsFont(handle);
  if (!font || !text || !*text) return;
  if (analysis_) {
    // Glyphs may overhang their box (accents, italics, a line-height smaller
    // than the font): allow a whole line's height on every side.
    return analysis_->Ink({pos.x, pos.y, pos.width, pos.height}, std::max(pos.height, font->ascent + font->descent));
  }
  cairo_save(cr);
  cairo_set_source_rgba(cr, color.red / 255.0, color.green / 255.0, color.blue / 255.0, color.alpha / 255.0);
  const double baseline = pos.bottom() - font->descent;
  if (ShapedText::Handles(text)) {
    ShapedText(SharedPangoContext(), font->description, text).Draw(cr, pos.left(), baseline);
  } else {
    SetText(layout_, font, text);
    cairo_move_to(cr, pos.left(), baseline);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout_, 0));
  }

  // Decorations drawn by hand so they span exactly the width litehtml laid out.
  const double width = text_width(text, handle);
  const double t = font->line_thickness;
  auto line = [&](double y) {
    cairo_rectangle(cr, pos.left(), std::round(y - t / 2), width, t);
    cairo_fill(cr);
  };
  if (font->decoration & litehtml::font_decoration_underline) {
    line(baseline + std::max(font->underline_position, 1.0) + t / 2);
  }
  if (font->decoration & litehtml::font_decoration_linethrough) {
    line(baseline - font->strikethrough_position);
  }
  if (font->decoration & litehtml::font_decoration_overline) line(baseline - font->ascent);
  cairo_restore(cr);
}

int PageContainer::pt_to_px(int pt) const { return static_cast<int>(std::lround(pt * 96.0 / 72.0)); }

int PageContainer::get_default_font_size() const { return 16; }

const litehtml::tchar_t* PageContainer::get_default_font_name() const { return kDefaultFamily; }

void PageContainer::transform_text(litehtml::tstring& text, litehtml::text_transform tt) {
  if (text.empty() || !g_utf8_validate(text.c_str(), -1, nullptr)) return;
  gchar* out = nullptr;
  switch (tt) {
    case litehtml::text_transform_uppercase:
      out = g_utf8_strup(text.c_str(), -1);
      break;
    case litehtml::text_transform_lowercase:
      out = g_utf8_strdown(text.c_str(), -1);
      break;
    case litehtml::text_transform_capitalize: {
      // litehtml hands us one word at a time: upper-case its first character.
      const gchar* rest = g_utf8_next_char(text.c_str());
      gchar* first = g_utf8_strup(text.c_str(), rest - text.c_str());
      out = g_strconcat(first, rest, nullptr);
      g_free(first);
      break;
    }
    default:
      return;
  }
  text = out;
  g_free(out);
}

}  // namespace sandtab::renderer
