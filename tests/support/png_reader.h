// Reads a PNG file into 8-bit RGBA pixels (straight alpha), row-major.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sandtab::test {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 0;
  bool operator==(const Rgba&) const = default;
};

std::string ToString(const Rgba& c);

// True when every channel of a and b differs by at most `tolerance`.
bool Near(const Rgba& a, const Rgba& b, int tolerance);

struct Image {
  int width = 0;
  int height = 0;
  std::vector<Rgba> pixels;  // width * height, top row first

  // The pixel at (x, y); an out-of-range position gives transparent black.
  Rgba At(int x, int y) const;
  // Number of pixels that differ (exactly) between two images of one size;
  // images of different sizes count every pixel of the larger one.
  size_t CountDifferent(const Image& other) const;
  // Number of pixels in the rectangle [x0,x1)×[y0,y1) not near `colour`.
  size_t CountNotNear(int x0, int y0, int x1, int y1, const Rgba& colour, int tolerance) const;
};

// The decoded image, or nullopt with `error` set when the file is missing or
// not a PNG.
std::optional<Image> ReadPng(const std::string& path, std::string* error = nullptr);

}  // namespace sandtab::test
