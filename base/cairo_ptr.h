// Owners of Cairo objects: one name for what each folder that draws used to
// declare as its own unique_ptr and deleter. Header-only: base/ links no
// Cairo, and only folders that already draw with Cairo include this.
#ifndef SANDTAB_BASE_CAIRO_PTR_H_
#define SANDTAB_BASE_CAIRO_PTR_H_

#include <cairo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/result.h"

namespace sandtab {

struct CairoSurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};

using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoContextDeleter>;

// An ARGB32 image surface over `pixels` (no copy; stride = width * 4, as
// sandtab's shared buffers are laid out), or why Cairo refused it. `pixels`
// must outlive the surface.
inline Result<CairoSurfacePtr> WrapArgb32(std::span<uint8_t> pixels, int width, int height) {
  if (pixels.size() < static_cast<size_t>(width) * 4 * static_cast<size_t>(height)) {
    return Error{"cairo cannot wrap " + std::to_string(pixels.size()) + " bytes as " + std::to_string(width) + "x" +
                 std::to_string(height)};
  }
  CairoSurfacePtr surface(
      cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_ARGB32, width, height, width * 4));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("cairo cannot wrap the buffer: ") +
                 cairo_status_to_string(cairo_surface_status(surface.get()))};
  }
  return surface;
}

}  // namespace sandtab

#endif  // SANDTAB_BASE_CAIRO_PTR_H_
