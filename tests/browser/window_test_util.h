// Tests of the window's classes: a Cairo image surface to draw into with a
// pixel reader (premultiplied BGRA as one uint32 per pixel), and task
// manager rows.
#ifndef SANDTAB_TESTS_BROWSER_WINDOW_TEST_UTIL_H_
#define SANDTAB_TESTS_BROWSER_WINDOW_TEST_UTIL_H_

#include <cairo.h>
#include <sys/types.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include "browser/window/task_manager_panel.h"

namespace sandtab::browser::testing {

// A task-manager row of a process of `type`.
inline TaskRow Row(pid_t pid, const std::string& type, int tab = 0) {
  TaskRow row;
  row.pid = pid;
  row.type = type;
  row.tab = tab;
  return row;
}

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
  // How many pixels of the rectangle have their channels (0..255) as `holds` wants.
  int CountWhere(int x0, int y0, int x1, int y1, const std::function<bool(int r, int g, int b)>& holds) {
    int count = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const uint32_t p = At(x, y);
        count += holds((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff) ? 1 : 0;
      }
    }
    return count;
  }
  // Red well above green and blue (the crashed mark, the sad tab's title).
  int CountReddish(int x0, int y0, int x1, int y1) {
    return CountWhere(x0, y0, x1, y1, [](int r, int g, int b) { return r > 150 && g < 90 && b < 90; });
  }
  // Blue well above red and green (Chrome's accent blue).
  int CountBlue(int x0, int y0, int x1, int y1) {
    return CountWhere(x0, y0, x1, y1, [](int r, int g, int b) { return b > 180 && r < 90 && g < 160; });
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

constexpr uint32_t kGreen = 0xff00ff00;
constexpr uint32_t kWhite = 0xffffffff;

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_BROWSER_WINDOW_TEST_UTIL_H_
