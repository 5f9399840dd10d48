#include "renderer/page/image_decoder.h"

#include <png.h>

#include <cstring>

namespace sandtab::renderer {

ImageFormat SniffImageFormat(std::string_view bytes) {
  static constexpr unsigned char kPngMagic[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  static constexpr unsigned char kJpegMagic[] = {0xff, 0xd8, 0xff};
  if (bytes.size() >= sizeof(kPngMagic) && std::memcmp(bytes.data(), kPngMagic, sizeof(kPngMagic)) == 0) {
    return ImageFormat::kPng;
  }
  if (bytes.size() >= sizeof(kJpegMagic) && std::memcmp(bytes.data(), kJpegMagic, sizeof(kJpegMagic)) == 0) {
    return ImageFormat::kJpeg;
  }
  return ImageFormat::kUnknown;
}

bool ImageSizeAllowed(int64_t width, int64_t height) {
  return width > 0 && height > 0 && width <= kMaxImageDimension && height <= kMaxImageDimension &&
         width * height <= kMaxImagePixels;
}

CairoSurfacePtr DecodeImage(std::string_view bytes) {
  switch (SniffImageFormat(bytes)) {
    case ImageFormat::kPng:
      return DecodePng(bytes);
    case ImageFormat::kJpeg:
      return DecodeJpeg(bytes);
    case ImageFormat::kUnknown:
      break;
  }
  return nullptr;
}

// libpng's simplified API does its setjmp/longjmp internally, so no longjmp
// ever crosses our C++ frames.
CairoSurfacePtr DecodePng(std::string_view bytes) {
  png_image image;
  std::memset(&image, 0, sizeof(image));
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return nullptr;
  if (!ImageSizeAllowed(image.width, image.height)) {
    png_image_free(&image);
    return nullptr;
  }
  image.format = PNG_FORMAT_BGRA;  // cairo's ARGB32 byte order on little-endian
  CairoSurfacePtr surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(image.width), static_cast<int>(image.height)));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    png_image_free(&image);
    return nullptr;
  }
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  // For 8-bit formats libpng's row stride is counted in bytes.
  if (!png_image_finish_read(&image, nullptr, data, stride, nullptr)) {
    png_image_free(&image);
    return nullptr;
  }
  // libpng gives straight alpha; cairo wants premultiplied.
  for (png_uint_32 y = 0; y < image.height; ++y) {
    unsigned char* row = data + static_cast<size_t>(y) * stride;
    for (png_uint_32 x = 0; x < image.width; ++x) {
      unsigned char* px = row + x * 4;
      const unsigned alpha = px[3];
      if (alpha == 255) continue;
      for (int c = 0; c < 3; ++c) px[c] = static_cast<unsigned char>((px[c] * alpha + 127) / 255);
    }
  }
  cairo_surface_mark_dirty(surface.get());
  return surface;
}

}  // namespace sandtab::renderer
