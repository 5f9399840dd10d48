// The browser's Cairo forwarders (browser/common/cairo_library.h) against
// the real library: the first call loads it, and the drawing lands.
#include "browser/common/cairo_library.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace sandtab::browser {
namespace {

TEST(CairoLibraryTest, TheForwardersLoadCairoAndDraw) {
  constexpr int kSize = 8;
  std::vector<uint32_t> pixels(kSize * kSize, 0);
  cairo_surface_t* surface = cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(pixels.data()),
                                                                 CAIRO_FORMAT_ARGB32, kSize, kSize, kSize * 4);
  EXPECT_TRUE(CairoLoaded());
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 0, 0, kSize / 2, kSize);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  cairo_surface_destroy(surface);
  EXPECT_EQ(pixels[0], 0xffff0000u);                      // left half red, opaque
  EXPECT_EQ(pixels[kSize - 1], 0u);                       // right half untouched
  EXPECT_EQ(pixels[kSize * kSize - kSize], 0xffff0000u);  // the last row's first pixel
}

}  // namespace
}  // namespace sandtab::browser
