#include "tests/support/png_reader.h"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace sandtab::test {

std::string ToString(const Rgba& c) {
  char text[40];
  std::snprintf(text, sizeof text, "rgba(%d,%d,%d,%d)", c.r, c.g, c.b, c.a);
  return text;
}

bool Near(const Rgba& a, const Rgba& b, int tolerance) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance &&
         std::abs(a.a - b.a) <= tolerance;
}

Rgba Image::At(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= height) return {};
  return pixels[static_cast<size_t>(y) * width + x];
}

size_t Image::CountDifferent(const Image& other) const {
  if (width != other.width || height != other.height) {
    return std::max(pixels.size(), other.pixels.size());
  }
  size_t count = 0;
  for (size_t i = 0; i < pixels.size(); ++i) count += pixels[i] == other.pixels[i] ? 0 : 1;
  return count;
}

size_t Image::CountNotNear(int x0, int y0, int x1, int y1, const Rgba& colour, int tolerance) const {
  size_t count = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) count += Near(At(x, y), colour, tolerance) ? 0 : 1;
  }
  return count;
}

std::optional<Image> ReadPng(const std::string& path, std::string* error) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) {
    if (error) *error = path + ": " + png.message;
    return std::nullopt;
  }
  png.format = PNG_FORMAT_RGBA;
  Image image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.pixels.resize(static_cast<size_t>(png.width) * png.height);
  if (!png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr)) {
    if (error) *error = path + ": " + png.message;
    png_image_free(&png);
    return std::nullopt;
  }
  return image;
}

}  // namespace sandtab::test
