#ifndef SANDTAB_BROWSER_COMMON_PNG_WRITER_H_
#define SANDTAB_BROWSER_COMMON_PNG_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "browser/common/ui_rect.h"

namespace sandtab::browser {

// A browser-side image: premultiplied BGRA (Cairo ARGB32), stride width*4.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

// Premultiplied BGRA rows, top to bottom, wherever they already are: `row(y)`
// points at width*4 bytes, valid while the rows are. What an encoder that
// runs at once needs, without the pixels first copied into an Image. The
// encoder calls `row` from several threads at once.
struct PixelRows {
  int width = 0;
  int height = 0;
  std::function<const uint8_t*(int y)> row;
};

// An image's rows (valid while the image is).
PixelRows RowsOf(const Image& image);

// The pixels of `rows` inside `area`, copied into an image of their own: a
// screenshot's clip costs its own bytes, not a whole frame's. An error when
// nothing of `area` is inside the rows.
Result<Image> CopyArea(const PixelRows& rows, const UiRect& area);

// Writes an RGB PNG (RGBA if any pixel is not opaque) with libpng,
// un-premultiplying on the way and compressing on several threads. Writes to a
// temporary name and renames, so a reader never sees half a file.
Status WritePng(const std::string& path, const Image& image);
Status WritePng(const std::string& path, const PixelRows& rows);

// The same PNG in memory (CDP's Page.captureScreenshot sends it as base64).
Result<std::string> EncodePng(const Image& image);

// Whether WritePng could create `path` now (its folder exists and is
// writable), with WritePng's error when not: a screenshot of many tabs
// checks first rather than after seconds of drawing.
Status CheckPngWritable(const std::string& path);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PNG_WRITER_H_
