#ifndef SANDTAB_BROWSER_COMMON_PNG_WRITER_H_
#define SANDTAB_BROWSER_COMMON_PNG_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace sandtab::browser {

// A browser-side image: premultiplied BGRA (Cairo ARGB32), stride width*4.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

// Writes an RGBA PNG with libpng (un-premultiplying on the way). Writes to a
// temporary name and renames, so a reader never sees half a file.
Status WritePng(const std::string& path, const Image& image);

// The same PNG in memory (CDP's Page.captureScreenshot sends it as base64).
Result<std::string> EncodePng(const Image& image);

// Whether WritePng could create `path` now (its folder exists and is
// writable), with WritePng's error when not: a screenshot of many tabs
// checks first rather than after seconds of drawing.
Status CheckPngWritable(const std::string& path);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PNG_WRITER_H_
