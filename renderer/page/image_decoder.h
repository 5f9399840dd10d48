// Decodes untrusted PNG and JPEG bytes into cairo surfaces, inside the
// renderer (the browser never decodes content). The format is sniffed from the
// bytes, never trusted from the URL or a Content-Type.
#ifndef SANDTAB_RENDERER_PAGE_IMAGE_DECODER_H_
#define SANDTAB_RENDERER_PAGE_IMAGE_DECODER_H_

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "base/cairo_ptr.h"

namespace sandtab::renderer {

// Caps that keep a hostile image from exhausting the renderer's memory: a
// header may claim any size, so these are checked before allocating.
inline constexpr int kMaxImageDimension = 8192;
inline constexpr int64_t kMaxImagePixels = int64_t{4096} * 4096;  // 64 MiB decoded

enum class ImageFormat { kUnknown, kPng, kJpeg };
ImageFormat SniffImageFormat(std::string_view bytes);

// An ARGB32 (premultiplied) surface, or nullptr when the bytes are not a
// supported image, are corrupt, or exceed the caps above.
CairoSurfacePtr DecodeImage(std::string_view bytes);
CairoSurfacePtr DecodePng(std::string_view bytes);
CairoSurfacePtr DecodeJpeg(std::string_view bytes);

// Whether a header-declared size is acceptable.
bool ImageSizeAllowed(int64_t width, int64_t height);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_IMAGE_DECODER_H_
