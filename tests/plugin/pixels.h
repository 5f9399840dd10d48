#ifndef SANDTAB_TESTS_PLUGIN_PIXELS_H_
#define SANDTAB_TESTS_PLUGIN_PIXELS_H_

#include <cairo.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <memory>

namespace sandtab::plugin::test {

// 0xRRGGBB of an opaque premultiplied BGRA pixel (DESIGN section 5) in a
// buffer of `width` pixels per row; alpha is dropped.
inline unsigned PixelRgb(std::span<const uint8_t> bytes, int width, int x, int y) {
  uint32_t pixel;
  std::memcpy(&pixel, bytes.data() + (static_cast<size_t>(y) * width + x) * 4, 4);
  return pixel & 0xFFFFFF;
}
inline unsigned PixelAlpha(std::span<const uint8_t> bytes, int width, int x, int y) {
  return bytes[(static_cast<size_t>(y) * width + x) * 4 + 3];
}

// An in-memory ARGB32 canvas for painting one instance in a unit test.
class Canvas {
 public:
  Canvas(int width, int height)
      : width_(width), height_(height), surface_(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)) {}
  ~Canvas() { cairo_surface_destroy(surface_); }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  template <typename Instance>
  void Paint(Instance& instance) {
    cairo_t* cr = cairo_create(surface_);
    instance.Paint(cr, width_, height_);
    cairo_destroy(cr);
    cairo_surface_flush(surface_);
  }
  std::span<const uint8_t> bytes() const {
    return {cairo_image_surface_get_data(surface_), static_cast<size_t>(width_) * height_ * 4};
  }
  unsigned Rgb(int x, int y) const { return PixelRgb(bytes(), width_, x, y); }
  unsigned Alpha(int x, int y) const { return PixelAlpha(bytes(), width_, x, y); }
  int Count(unsigned rgb) const {
    int count = 0;
    for (int y = 0; y < height_; ++y)
      for (int x = 0; x < width_; ++x) count += Rgb(x, y) == rgb;
    return count;
  }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_, height_;
  cairo_surface_t* surface_;
};

}  // namespace sandtab::plugin::test

#endif  // SANDTAB_TESTS_PLUGIN_PIXELS_H_
