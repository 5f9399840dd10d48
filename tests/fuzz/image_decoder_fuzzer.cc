// The renderer's PNG and JPEG decoding (renderer/page/image_decoder.h) on any
// bytes, as a hostile page serves them. A decoded surface must respect the
// size caps and be valid premultiplied ARGB32 (no channel above its alpha),
// the form cairo assumes when it paints it.
#include <cairo.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "renderer/page/image_decoder.h"
#include "tests/fuzz/fuzz_check.h"

using sandtab::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sandtab::CairoSurfacePtr surface = sandtab::renderer::DecodeImage(bytes);
  if (!surface) return 0;
  Check(cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS, "a decoded surface in an error state");
  Check(cairo_image_surface_get_format(surface.get()) == CAIRO_FORMAT_ARGB32, "a decoded surface not ARGB32");
  const int width = cairo_image_surface_get_width(surface.get());
  const int height = cairo_image_surface_get_height(surface.get());
  Check(width > 0 && height > 0 && sandtab::renderer::ImageSizeAllowed(width, height),
        "a decoded image past the size caps");
  cairo_surface_flush(surface.get());
  const unsigned char* pixels = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint32_t pixel;
      std::memcpy(&pixel, pixels + static_cast<ptrdiff_t>(y) * stride + x * 4, 4);
      const uint32_t alpha = pixel >> 24;
      Check(((pixel >> 16) & 0xff) <= alpha && ((pixel >> 8) & 0xff) <= alpha && (pixel & 0xff) <= alpha,
            "a pixel not premultiplied (a channel above its alpha)");
    }
  }
  return 0;
}
