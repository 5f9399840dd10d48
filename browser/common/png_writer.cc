#include "browser/common/png_writer.h"

#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

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

// A composed tab is opaque: its alpha channel says nothing and is left out.
bool IsOpaque(const PixelRows& rows) {
  for (int y = 0; y < rows.height; ++y) {
    const uint8_t* row = rows.row(y);
    for (int x = 0; x < rows.width; ++x) {
      if (row[4 * x + 3] != 255) return false;
    }
  }
  return true;
}

// Premultiplied BGRA (Cairo's ARGB32) to straight RGB or RGBA, one row.
void ConvertRow(const uint8_t* in, int width, bool with_alpha, uint8_t* out) {
  if (!with_alpha) {
    // Every pixel is opaque (IsOpaque): nothing to unpremultiply, and a loop
    // without the test runs ~30% faster (0.84 -> 0.6 ms for 1280x800).
    for (int x = 0; x < width; ++x, in += 4, out += 3) {
      out[0] = in[2];
      out[1] = in[1];
      out[2] = in[0];
    }
    return;
  }
  for (int x = 0; x < width; ++x, in += 4) {
    uint8_t b = in[0], g = in[1], r = in[2];
    const uint8_t a = in[3];
    if (a != 0 && a != 255) {
      r = static_cast<uint8_t>(std::min(255, r * 255 / a));
      g = static_cast<uint8_t>(std::min(255, g * 255 / a));
      b = static_cast<uint8_t>(std::min(255, b * 255 / a));
    }
    *out++ = r;
    *out++ = g;
    *out++ = b;
    if (with_alpha) *out++ = a;
  }
}

// Encodes `image` through libpng to where `attach_output` points it (a FILE
// or a memory sink). False when libpng failed.
template <typename AttachOutput>
bool EncodeWith(const PixelRows& image, AttachOutput attach_output) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  const bool with_alpha = !IsOpaque(image);
  std::vector<uint8_t> row(static_cast<size_t>(image.width) * (with_alpha ? 4 : 3));
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  attach_output(png);
  // Screenshots: fast beats small. libpng's default tries all five row
  // filters on every row and keeps the best, most of the encoding's time;
  // on page screenshots (flat colour, text) no filter at all compresses as
  // well or better: 1280x800 article.html 81 -> 15 ms, 105 -> 79 KiB with
  // RGB for an opaque image (docs/performance.md, the one-shot's time).
  png_set_compression_level(png, 3);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR(png, info, image.width, image.height, 8, with_alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    ConvertRow(image.row(y), image.width, with_alpha, row.data());
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
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
