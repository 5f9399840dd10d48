#include "browser/common/png_writer.h"

#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "browser/common/parallel_deflate.h"

namespace sandtab::browser {

Status CheckPngWritable(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (path.empty() || path.back() == '/') return Error{"cannot write " + path + ": not a file name"};
  if (::access(folder.c_str(), W_OK | X_OK) != 0) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  return OkStatus();
}

namespace {

bool IsImage(const PixelRows& rows) { return rows.width > 0 && rows.height > 0 && rows.row; }

bool IsImage(const Image& image) {
  return image.width > 0 && image.height > 0 &&
         image.pixels.size() == static_cast<size_t>(image.width) * image.height * 4;
}

// Premultiplied BGRA (Cairo's ARGB32) to RGB, one row, for an opaque image:
// nothing to unpremultiply, and a loop without the test runs ~30% faster
// (0.84 -> 0.6 ms for 1280x800). False when a pixel was not opaque after all.
bool ConvertOpaqueRow(const uint8_t* in, int width, uint8_t* out) {
  uint8_t alpha = 255;
  for (int x = 0; x < width; ++x, in += 4, out += 3) {
    out[0] = in[2];
    out[1] = in[1];
    out[2] = in[0];
    alpha &= in[3];
  }
  return alpha == 255;
}

// Premultiplied BGRA to straight RGBA, one row.
void ConvertRowWithAlpha(const uint8_t* in, int width, uint8_t* out) {
  for (int x = 0; x < width; ++x, in += 4, out += 4) {
    uint8_t b = in[0], g = in[1], r = in[2];
    const uint8_t a = in[3];
    if (a != 0 && a != 255) {
      r = static_cast<uint8_t>(std::min(255, r * 255 / a));
      g = static_cast<uint8_t>(std::min(255, g * 255 / a));
      b = static_cast<uint8_t>(std::min(255, b * 255 / a));
    }
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
  }
}

// Screenshots: fast beats small. libpng's default tries all five row
// filters on every row and keeps the best, most of the encoding's time;
// on page screenshots (flat colour, text) no filter at all compresses as
// well or better: 1280x800 article.html 81 -> 15 ms, 105 -> 79 KiB with
// RGB for an opaque image (docs/performance.md, the one-shot's time).
constexpr int kLevel = 3;

// The PNG's IDAT data: each row a filter byte (none) and the row in RGB,
// or RGBA if any pixel is not opaque (`with_alpha` says which), compressed
// in runs on several threads (parallel_deflate.h). A composed tab is
// opaque, so RGB is tried first, its alpha checked on the way rather than
// in a pass of its own (the first read of a shared buffer's 1,000 pages).
Result<std::string> ImageData(const PixelRows& image, bool& with_alpha) {
  std::atomic<bool> translucent = false;
  const ByteRows opaque{static_cast<size_t>(image.height), 1 + 3 * static_cast<size_t>(image.width),
                        [&image, &translucent](size_t y, uint8_t* out) {
                          out[0] = PNG_FILTER_VALUE_NONE;
                          if (!ConvertOpaqueRow(image.row(static_cast<int>(y)), image.width, out + 1)) {
                            translucent.store(true, std::memory_order_relaxed);
                          }
                        }};
  Result<std::string> data = DeflateRows(opaque, kLevel, DeflateThreadsFor(opaque.rows));
  with_alpha = translucent.load();
  if (!data || !with_alpha) return data;
  const ByteRows rgba{static_cast<size_t>(image.height), 1 + 4 * static_cast<size_t>(image.width),
                      [&image](size_t y, uint8_t* out) {
                        out[0] = PNG_FILTER_VALUE_NONE;
                        ConvertRowWithAlpha(image.row(static_cast<int>(y)), image.width, out + 1);
                      }};
  return DeflateRows(rgba, kLevel, DeflateThreadsFor(rgba.rows));
}

// Encodes `image` to where `attach_output` points libpng (a FILE or a memory
// sink): libpng writes the signature, the header and the chunks, the IDAT
// data comes from ImageData. False when libpng or zlib failed.
template <typename AttachOutput>
bool EncodeWith(const PixelRows& image, AttachOutput attach_output) {
  bool with_alpha = false;
  Result<std::string> data = ImageData(image, with_alpha);
  if (!data) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  attach_output(png);
  png_set_IHDR(png, info, image.width, image.height, 8, with_alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  // A chunk's length field allows 2^31-1 bytes; readers are happier with
  // chunks far smaller (libpng writes 8 KiB ones), and the split is free.
  constexpr size_t kChunk = 256 * 1024;
  const auto* bytes = reinterpret_cast<png_const_bytep>(data->data());
  for (size_t at = 0; at < data->size(); at += kChunk) {
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), bytes + at, std::min(kChunk, data->size() - at));
  }
  // png_write_end would refuse: libpng did not write the IDATs itself.
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  png_destroy_write_struct(&png, &info);
  return true;
}

void AppendToString(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

}  // namespace

PixelRows RowsOf(const Image& image) {
  return {image.width, image.height,
          [&image](int y) { return image.pixels.data() + static_cast<size_t>(y) * image.width * 4; }};
}

Result<Image> CopyArea(const PixelRows& rows, const UiRect& area) {
  const int x0 = std::clamp(area.x, 0, rows.width), x1 = std::clamp(area.right(), 0, rows.width);
  const int y0 = std::clamp(area.y, 0, rows.height), y1 = std::clamp(area.bottom(), 0, rows.height);
  if (area.empty() || x1 <= x0 || y1 <= y0) return Error{"the area is outside the picture or empty"};
  Image out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  const size_t row_bytes = static_cast<size_t>(out.width) * 4;
  out.pixels.resize(row_bytes * out.height);
  for (int y = y0; y < y1; ++y) {
    const uint8_t* from = rows.row(y) + static_cast<size_t>(x0) * 4;
    std::copy(from, from + row_bytes, &out.pixels[static_cast<size_t>(y - y0) * row_bytes]);
  }
  return out;
}

Result<std::string> EncodePng(const Image& image) {
  if (!IsImage(image)) return Error{"no image to encode"};
  std::string out;
  if (!EncodeWith(RowsOf(image), [&out](png_structp png) { png_set_write_fn(png, &out, AppendToString, nullptr); })) {
    return Error{"libpng failed encoding the image"};
  }
  return out;
}

Status WritePng(const std::string& path, const Image& image) {
  if (!IsImage(image)) return Error{"no image to write"};
  return WritePng(path, RowsOf(image));
}

Status WritePng(const std::string& path, const PixelRows& image) {
  if (!IsImage(image)) return Error{"no image to write"};
  const std::string temporary = path + ".tmp";
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(temporary.c_str(), "wb"), &std::fclose);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  if (!EncodeWith(image, [&file](png_structp png) { png_init_io(png, file.get()); })) {
    std::remove(temporary.c_str());
    return Error{"libpng failed writing " + path};
  }
  if (std::fflush(file.get()) != 0) {
    std::string error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return Error{error};
  }
  file.reset();
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return Error{error};
  }
  return OkStatus();
}

}  // namespace sandtab::browser
