#include "browser/common/cairo_library.h"

#include <cairo.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "browser/common/library_loader.h"

namespace sandtab::browser {
namespace {

constexpr const char* kCairoSoname = "libcairo.so.2";

std::atomic<bool> g_loaded{false};

// A browser that cannot load Cairo cannot draw the frame it was asked for:
// it says why and ends, as a browser linked to a missing libcairo would
// have at its start.
[[noreturn]] void CannotDraw(const std::string& why) {
  std::fprintf(stderr, "sandtab: the browser draws with Cairo (Debian's libcairo2): %s\n", why.c_str());
  std::abort();
}

// Opened on the first call of any forwarder and never closed (the loader
// is never destroyed): its functions serve the forwarders for the
// process's life.
LibraryLoader& CairoLoader() {
  static LibraryLoader* const loader = [] {
    auto* opened = new LibraryLoader(kCairoSoname);
    if (Status status = opened->Opened(); !status) CannotDraw(status.error());
    g_loaded = true;
    return opened;
  }();
  return *loader;
}

// The library's own `name`, typed as cairo.h declares it.
template <typename Function>
Function Real(const char* name) {
  Function function = nullptr;
  CairoLoader().Bind(function, name);
  if (!function) CannotDraw(std::string(kCairoSoname) + " lacks " + name);
  return function;
}

}  // namespace

bool CairoLoaded() { return g_loaded; }

}  // namespace sandtab::browser

// Cairo's names, as cairo.h declares them: each binds the library's own
// function on its first call and forwards to it.
#define SANDTAB_REAL_CAIRO(name)                                               \
  ([] {                                                                        \
    static const auto real = sandtab::browser::Real<decltype(&::name)>(#name); \
    return real;                                                               \
  }())

extern "C" {
void cairo_arc(cairo_t* cr, double xc, double yc, double radius, double angle1, double angle2) {
  SANDTAB_REAL_CAIRO(cairo_arc)(cr, xc, yc, radius, angle1, angle2);
}
void cairo_clip(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_clip)(cr); }
void cairo_close_path(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_close_path)(cr); }
cairo_t* cairo_create(cairo_surface_t* target) { return SANDTAB_REAL_CAIRO(cairo_create)(target); }
void cairo_destroy(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_destroy)(cr); }
void cairo_fill(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_fill)(cr); }
cairo_surface_t* cairo_image_surface_create_for_data(unsigned char* data, cairo_format_t format, int width, int height,
                                                     int stride) {
  return SANDTAB_REAL_CAIRO(cairo_image_surface_create_for_data)(data, format, width, height, stride);
}
void cairo_line_to(cairo_t* cr, double x, double y) { SANDTAB_REAL_CAIRO(cairo_line_to)(cr, x, y); }
void cairo_move_to(cairo_t* cr, double x, double y) { SANDTAB_REAL_CAIRO(cairo_move_to)(cr, x, y); }
void cairo_paint(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_paint)(cr); }
void cairo_rectangle(cairo_t* cr, double x, double y, double width, double height) {
  SANDTAB_REAL_CAIRO(cairo_rectangle)(cr, x, y, width, height);
}
void cairo_restore(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_restore)(cr); }
void cairo_save(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_save)(cr); }
void cairo_scale(cairo_t* cr, double sx, double sy) { SANDTAB_REAL_CAIRO(cairo_scale)(cr, sx, sy); }
void cairo_set_line_width(cairo_t* cr, double width) { SANDTAB_REAL_CAIRO(cairo_set_line_width)(cr, width); }
void cairo_set_source_rgb(cairo_t* cr, double red, double green, double blue) {
  SANDTAB_REAL_CAIRO(cairo_set_source_rgb)(cr, red, green, blue);
}
void cairo_set_source_rgba(cairo_t* cr, double red, double green, double blue, double alpha) {
  SANDTAB_REAL_CAIRO(cairo_set_source_rgba)(cr, red, green, blue, alpha);
}
void cairo_set_source_surface(cairo_t* cr, cairo_surface_t* surface, double x, double y) {
  SANDTAB_REAL_CAIRO(cairo_set_source_surface)(cr, surface, x, y);
}
void cairo_stroke(cairo_t* cr) { SANDTAB_REAL_CAIRO(cairo_stroke)(cr); }
void cairo_surface_destroy(cairo_surface_t* surface) { SANDTAB_REAL_CAIRO(cairo_surface_destroy)(surface); }
void cairo_surface_flush(cairo_surface_t* surface) { SANDTAB_REAL_CAIRO(cairo_surface_flush)(surface); }
void cairo_surface_mark_dirty(cairo_surface_t* surface) { SANDTAB_REAL_CAIRO(cairo_surface_mark_dirty)(surface); }
void cairo_translate(cairo_t* cr, double tx, double ty) { SANDTAB_REAL_CAIRO(cairo_translate)(cr, tx, ty); }
}
