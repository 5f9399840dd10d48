// Regenerates the images of the built-in pages (pages/images/), which are
// committed as binaries: `make_demo_images <repo>/pages/images`. Drawn with
// Cairo so no image tool is needed; each file is a few KB.
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/renderer/test_images.h"

namespace {

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
}

// A width x height surface with `paint` drawn on it; the caller destroys it.
cairo_surface_t* Draw(cairo_format_t format, int width, int height, void (*paint)(cairo_t*)) {
  cairo_surface_t* s = cairo_image_surface_create(format, width, height);
  cairo_t* cr = cairo_create(s);
  paint(cr);
  cairo_destroy(cr);
  return s;
}

// Transparent sky, an orange sun, brown hills: shows PNG alpha over the page.
void PaintHills(cairo_t* cr) {
  cairo_set_source_rgb(cr, 1.0, 0.70, 0.0);
  cairo_arc(cr, 110, 38, 24, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.43, 0.30, 0.25);
  cairo_move_to(cr, 0, 100);
  cairo_line_to(cr, 0, 70);
  cairo_curve_to(cr, 30, 50, 60, 50, 95, 74);
  cairo_curve_to(cr, 115, 60, 140, 55, 160, 66);
  cairo_line_to(cr, 160, 100);
  cairo_close_path(cr);
  cairo_fill(cr);
}

// An opaque sunset gradient with a dark sea: a photo-like JPEG.
void PaintSunset(cairo_t* cr) {
  cairo_pattern_t* sky = cairo_pattern_create_linear(0, 0, 0, 72);
  cairo_pattern_add_color_stop_rgb(sky, 0, 0.37, 0.21, 0.69);
  cairo_pattern_add_color_stop_rgb(sky, 1, 1.0, 0.44, 0.26);
  cairo_set_source(cr, sky);
  cairo_paint(cr);
  cairo_pattern_destroy(sky);
  cairo_set_source_rgb(cr, 1.0, 0.88, 0.51);
  cairo_arc(cr, 80, 72, 14, M_PI, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.15, 0.20, 0.22);
  cairo_rectangle(cr, 0, 72, 160, 28);
  cairo_fill(cr);
}

// A 20×20 checker tile for CSS background-image.
void PaintTile(cairo_t* cr) {
  cairo_set_source_rgb(cr, 0.91, 0.96, 0.91);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.78, 0.90, 0.79);
  cairo_rectangle(cr, 0, 0, 10, 10);
  cairo_rectangle(cr, 10, 10, 10, 10);
  cairo_fill(cr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  using sandtab::renderer::testing::EncodeJpeg;
  using sandtab::renderer::testing::EncodePng;
  cairo_surface_t* hills = Draw(CAIRO_FORMAT_ARGB32, 160, 100, PaintHills);
  Write(dir + "/hills.png", EncodePng(hills));
  cairo_surface_destroy(hills);
  cairo_surface_t* sunset = Draw(CAIRO_FORMAT_RGB24, 160, 100, PaintSunset);
  Write(dir + "/sunset.jpg", EncodeJpeg(sunset, 80));
  cairo_surface_destroy(sunset);
  cairo_surface_t* tile = Draw(CAIRO_FORMAT_RGB24, 20, 20, PaintTile);
  Write(dir + "/tile.png", EncodePng(tile));
  cairo_surface_destroy(tile);
  return 0;
}
