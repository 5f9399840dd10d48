#include "browser/common/cairo_drawing.h"

#include <cstdio>

#include "browser/common/pango_library.h"

namespace sandtab::browser {
namespace {

// A Pango layout of `text` in `font` for drawing on `cr`; empty when Pango
// cannot be loaded.
class TextLayout {
 public:
  TextLayout(cairo_t* cr, const std::string& text, const char* font) {
    Result<const PangoLibrary*> loaded = PangoLibrary::Get();
    if (!loaded) {
      static bool said = false;
      if (!said) std::fprintf(stderr, "sandtab: %s; the browser's own text is not drawn\n", loaded.error().c_str());
      said = true;
      return;
    }
    pango_ = *loaded;
    layout_ = pango_->cairo_create_layout(cr);
    PangoFontDescription* description = pango_->font_description_from_string(font);
    pango_->layout_set_font_description(layout_, description);
    pango_->font_description_free(description);
    pango_->layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
  }
  ~TextLayout() {
    if (layout_) pango_->object_unref(layout_);
  }
  TextLayout(const TextLayout&) = delete;
  TextLayout& operator=(const TextLayout&) = delete;

  explicit operator bool() const { return layout_ != nullptr; }
  const PangoLibrary& pango() const { return *pango_; }
  PangoLayout* get() const { return layout_; }

 private:
  const PangoLibrary* pango_ = nullptr;
  PangoLayout* layout_ = nullptr;
};

}  // namespace

CairoSurfacePtr WrapImage(Image& image) {
  return CairoSurfacePtr(cairo_image_surface_create_for_data(image.pixels.data(), CAIRO_FORMAT_ARGB32, image.width,
                                                             image.height, image.width * 4));
}

void DrawText(cairo_t* cr, const std::string& text, const char* font, double x, double y, double max_width) {
  TextLayout layout(cr, text, font);
  if (!layout) return;
  layout.pango().layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
  layout.pango().layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  cairo_move_to(cr, x, y);
  layout.pango().cairo_show_layout(cr, layout.get());
}

void DrawTextLine(cairo_t* cr, const std::string& text, const char* font, double x, double y, double width,
                  double height) {
  TextLayout layout(cr, text, font);
  if (!layout) return;
  layout.pango().layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  layout.pango().layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  int text_height = 0;
  layout.pango().layout_get_pixel_size(layout.get(), nullptr, &text_height);
  cairo_move_to(cr, x, y + (height - text_height) / 2.0);
  layout.pango().cairo_show_layout(cr, layout.get());
}

double TextOffsetX(cairo_t* cr, const std::string& text, size_t index, const char* font) {
  TextLayout layout(cr, text, font);
  if (!layout) return 0;
  PangoRectangle position;
  layout.pango().layout_index_to_pos(layout.get(), static_cast<int>(index), &position);
  return position.x / static_cast<double>(PANGO_SCALE);
}

}  // namespace sandtab::browser
