// Test helpers: load pages from disk the way the browser would hand them to
// the renderer (every byte supplied through the Page's pull API), and read
// back pixels. Tests may read files; the Page itself never does.
#ifndef SANDTAB_TESTS_RENDERER_PAGE_FIXTURE_H_
#define SANDTAB_TESTS_RENDERER_PAGE_FIXTURE_H_

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <string>

#include "renderer/page/page.h"

namespace sandtab::renderer::testing {

// The repository's pages/ directory (compiled in).
std::string PagesDir();
std::string ReadFile(const std::string& path);
// "file:///abs/path" for an absolute path.
std::string FileUrl(const std::string& path);
// Answers every request of `page` from the filesystem (file: URLs only;
// anything else fails) until nothing is outstanding.
void SupplyFromDisk(Page* page);
std::unique_ptr<Page> LoadPageFromDisk(const std::string& path, int width, int height);

// A viewport-sized ARGB32 image the way the renderer paints it.
class Canvas {
 public:
  Canvas(int width, int height);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  void Paint(Page* page, int scroll_y = 0);
  // 0xRRGGBB of the pixel (alpha ignored; the page paints opaque).
  uint32_t Rgb(int x, int y) const;
  // Whether every pixel of the rectangle is within `tolerance` of `rgb`.
  bool RectIs(int x, int y, int width, int height, uint32_t rgb, int tolerance = 0) const;
  void WritePng(const std::string& path) const;
  cairo_t* cr() { return cr_; }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

bool ColorNear(uint32_t a, uint32_t b, int tolerance);

}  // namespace sandtab::renderer::testing

#endif  // SANDTAB_TESTS_RENDERER_PAGE_FIXTURE_H_
