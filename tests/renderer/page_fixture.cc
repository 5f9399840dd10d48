#include "tests/renderer/page_fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sandtab::renderer::testing {

std::string PagesDir() { return SANDTAB_PAGES_DIR; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string FileUrl(const std::string& path) { return "file://" + path; }

void SupplyFromDisk(Page* page) {
  for (int round = 0; round < 100; ++round) {
    auto requests = page->TakeResourceRequests();
    if (requests.empty()) return;
    for (const ResourceRequest& request : requests) {
      const std::string prefix = "file://";
      if (request.url.rfind(prefix, 0) != 0) {
        page->SupplyResource(request.url, false, {});
        continue;
      }
      std::ifstream in(request.url.substr(prefix.size()), std::ios::binary);
      if (!in) {
        page->SupplyResource(request.url, false, {});
        continue;
      }
      std::ostringstream bytes;
      bytes << in.rdbuf();
      page->SupplyResource(request.url, true, bytes.str());
    }
  }
}

std::unique_ptr<Page> LoadPageFromDisk(const std::string& path, int width, int height) {
  auto page = std::make_unique<Page>(ReadFile(path), FileUrl(path), width, height);
  SupplyFromDisk(page.get());
  return page;
}

Canvas::Canvas(int width, int height)
    : surface_(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)), cr_(cairo_create(surface_)) {}

Canvas::~Canvas() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

void Canvas::Paint(Page* page, int scroll_y) { page->Paint(cr_, scroll_y); }

uint32_t Canvas::Rgb(int x, int y) const {
  cairo_surface_flush(surface_);
  const unsigned char* data = cairo_image_surface_get_data(surface_);
  const int stride = cairo_image_surface_get_stride(surface_);
  const auto* px = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride) + x;
  return *px & 0xffffff;
}

bool ColorNear(uint32_t a, uint32_t b, int tolerance) {
  for (int shift = 0; shift < 24; shift += 8) {
    const int ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;
    if (std::abs(ca - cb) > tolerance) return false;
  }
  return true;
}

bool Canvas::RectIs(int x, int y, int width, int height, uint32_t rgb, int tolerance) const {
  for (int j = y; j < y + height; ++j) {
    for (int i = x; i < x + width; ++i) {
      if (!ColorNear(Rgb(i, j), rgb, tolerance)) return false;
    }
  }
  return true;
}

void Canvas::WritePng(const std::string& path) const { cairo_surface_write_to_png(surface_, path.c_str()); }

}  // namespace sandtab::renderer::testing
