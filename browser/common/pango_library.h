#ifndef SANDTAB_BROWSER_COMMON_PANGO_LIBRARY_H_
#define SANDTAB_BROWSER_COMMON_PANGO_LIBRARY_H_

#include <pango/pangocairo.h>

#include "base/result.h"

namespace sandtab::browser {

// Pango, loaded the first time the browser writes text of its own (the
// window's tab strip, the sad tab, the task manager), not when it starts.
// Linked in, libpangocairo brought 17 shared libraries beside Cairo's own
// (GLib, GObject, GIO, HarfBuzz, FriBidi, libthai, libmount, libselinux...)
// that the dynamic linker mapped and relocated, and GObject's type system
// initialised, at every start of every browser, a headless one-shot that
// writes no text included (docs/performance.md, "The one-shot's start").
// As SdlLibrary does for the window. The functions cairo_drawing.cc calls,
// typed as Pango declares them.
struct PangoLibrary {
  decltype(&::pango_cairo_create_layout) cairo_create_layout;
  decltype(&::pango_cairo_show_layout) cairo_show_layout;
  decltype(&::pango_font_description_from_string) font_description_from_string;
  decltype(&::pango_font_description_free) font_description_free;
  decltype(&::pango_layout_set_font_description) layout_set_font_description;
  decltype(&::pango_layout_set_text) layout_set_text;
  decltype(&::pango_layout_set_width) layout_set_width;
  decltype(&::pango_layout_set_wrap) layout_set_wrap;
  decltype(&::pango_layout_set_ellipsize) layout_set_ellipsize;
  decltype(&::pango_layout_get_pixel_size) layout_get_pixel_size;
  decltype(&::pango_layout_index_to_pos) layout_index_to_pos;
  decltype(&::g_object_unref) object_unref;

  // The library, loaded once and kept for the process's life; or why not.
  static Result<const PangoLibrary*> Get();
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PANGO_LIBRARY_H_
