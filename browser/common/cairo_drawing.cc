#include "browser/common/cairo_drawing.h"

#include <pango/pangocairo.h>

namespace sandtab::browser {

CairoSurfacePtr WrapImage(Image& image) {
  return CairoSurfacePtr(cairo_image_surface_create_for_data(image.pixels.data(), CAIRO_FORMAT_ARGB32, image.width,
                                                             image.height, image.width * 4));
}

void DrawText(cairo_t* cr, const std::string& text, const char* font, double x, double y, double max_width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* description = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout, description);
  pango_layout_set_width(layout, static_cast<int>(max_width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout, text.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(description);
  g_object_unref(layout);
}

}  // namespace sandtab::browser
