#include "browser/common/pango_library.h"

#include <dlfcn.h>

#include <string>
#include <type_traits>

namespace sandtab::browser {
namespace {

// The runtime name (libpango-1.0-0), which is what a linked binary records.
constexpr const char* kPangoCairoSoname = "libpangocairo-1.0.so.0";

Result<PangoLibrary> Load() {
  // RTLD_LOCAL: its symbols serve these pointers and nothing else. dlsym on
  // the handle searches its dependencies too (g_object_unref is GObject's).
  void* handle = ::dlopen(kPangoCairoSoname, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return Error{std::string("the browser's own text needs Pango (Debian's libpango-1.0-0): ") + ::dlerror()};
  PangoLibrary pango{};
  std::string missing;
  auto bind = [&](auto& function, const char* name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
    if (!function) missing += std::string(missing.empty() ? "" : ", ") + name;
  };
  bind(pango.cairo_create_layout, "pango_cairo_create_layout");
  bind(pango.cairo_show_layout, "pango_cairo_show_layout");
  bind(pango.font_description_from_string, "pango_font_description_from_string");
  bind(pango.font_description_free, "pango_font_description_free");
  bind(pango.layout_set_font_description, "pango_layout_set_font_description");
  bind(pango.layout_set_text, "pango_layout_set_text");
  bind(pango.layout_set_width, "pango_layout_set_width");
  bind(pango.layout_set_wrap, "pango_layout_set_wrap");
  bind(pango.layout_set_ellipsize, "pango_layout_set_ellipsize");
  bind(pango.layout_get_pixel_size, "pango_layout_get_pixel_size");
  bind(pango.layout_index_to_pos, "pango_layout_index_to_pos");
  bind(pango.object_unref, "g_object_unref");
  if (!missing.empty()) {
    ::dlclose(handle);
    return Error{std::string(kPangoCairoSoname) + " lacks " + missing};
  }
  return pango;  // the handle stays open for the process's life, by design
}

}  // namespace

Result<const PangoLibrary*> PangoLibrary::Get() {
  static const Result<PangoLibrary> loaded = Load();
  if (!loaded) return Error{loaded.error()};
  return &*loaded;
}

}  // namespace sandtab::browser
