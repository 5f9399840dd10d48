// Drawing tests of the window's classes: a Cairo image surface to draw
// into and a pixel reader (premultiplied BGRA as one uint32 per pixel).
#ifndef SANDTAB_TESTS_BROWSER_WINDOW_PIXELS_H_
#define SANDTAB_TESTS_BROWSER_WINDOW_PIXELS_H_

#include <cairo.h>

#include <cstdint>
#include <cstring>

namespace sandtab::browser::testing {

class Canvas {
 public:
  Canvas(int width, int height)
      : surface_(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)), cr_(cairo_create(surface_)) {
    cairo_set_source_rgb(cr_, 0, 1, 0);  // a green no drawing uses: what is left untouched shows
    cairo_paint(cr_);
  }
  ~Canvas() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  cairo_t* cr() { return cr_; }
  // 0xAARRGGBB
  uint32_t At(int x, int y) {
    cairo_surface_flush(surface_);
    const uint8_t* data = cairo_image_surface_get_data(surface_);
    uint32_t pixel;
    std::memcpy(&pixel, data + y * cairo_image_surface_get_stride(surface_) + x * 4, 4);
    return pixel;
  }
  // How many pixels of the rectangle are `pixel`.
  int Count(int x0, int y0, int x1, int y1, uint32_t pixel) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) count += At(x, y) == pixel ? 1 : 0;
    }
    return count;
  }
  // How many pixels of the rectangle are within `tolerance` of `pixel` in each channel.
  int CountNear(int x0, int y0, int x1, int y1, uint32_t pixel, int tolerance) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const uint32_t p = At(x, y);
        bool near = true;
        for (int shift : {0, 8, 16, 24}) {
          const int a = (p >> shift) & 0xff, b = (pixel >> shift) & 0xff;
          near = near && (a - b <= tolerance && b - a <= tolerance);
        }
        count += near ? 1 : 0;
      }
    }
    return count;
  }
  // How many pixels of the rectangle have red well above green and blue.
  int CountReddish(int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const uint32_t p = At(x, y);
        const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        count += (r > 150 && g < 90 && b < 90) ? 1 : 0;
      }
    }
    return count;
  }
  // ... blue well above red and green (Chrome's accent blue).
  int CountBlue(int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const uint32_t p = At(x, y);
        const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        count += (b > 180 && r < 90 && g < 160) ? 1 : 0;
      }
    }
    return count;
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

constexpr uint32_t kGreen = 0xff00ff00;
constexpr uint32_t kWhite = 0xffffffff;

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_BROWSER_WINDOW_PIXELS_H_
