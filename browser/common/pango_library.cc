#include "browser/common/pango_library.h"

#include "browser/common/library_loader.h"

namespace sandtab::browser {
namespace {

// The runtime name (libpango-1.0-0), which is what a linked binary records.
constexpr const char* kPangoCairoSoname = "libpangocairo-1.0.so.0";

Result<PangoLibrary> Load() {
  LibraryLoader library(kPangoCairoSoname);
  PangoLibrary pango{};
  library.Bind(pango.cairo_create_layout, "pango_cairo_create_layout");
  library.Bind(pango.cairo_show_layout, "pango_cairo_show_layout");
  library.Bind(pango.font_description_from_string, "pango_font_description_from_string");
  library.Bind(pango.font_description_free, "pango_font_description_free");
  library.Bind(pango.layout_set_font_description, "pango_layout_set_font_description");
  library.Bind(pango.layout_set_text, "pango_layout_set_text");
  library.Bind(pango.layout_set_width, "pango_layout_set_width");
  library.Bind(pango.layout_set_wrap, "pango_layout_set_wrap");
  library.Bind(pango.layout_set_ellipsize, "pango_layout_set_ellipsize");
  library.Bind(pango.layout_get_pixel_size, "pango_layout_get_pixel_size");
  library.Bind(pango.layout_index_to_pos, "pango_layout_index_to_pos");
  library.Bind(pango.object_unref, "g_object_unref");  // GObject's, found through Pango
  if (Status loaded = library.Finish(); !loaded) {
    return Error{"the browser's own text needs Pango (Debian's libpango-1.0-0): " + loaded.error()};
  }
  return pango;
}

}  // namespace

Result<const PangoLibrary*> PangoLibrary::Get() { return LoadOnce(&Load); }

}  // namespace sandtab::browser
