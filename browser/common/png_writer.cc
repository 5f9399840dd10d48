#include "browser/common/png_writer.h"

#include <png.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sandtab::browser {

Status CheckPngWritable(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (path.empty() || path.back() == '/') return Error{"cannot write " + path + ": not a file name"};
  if (::access(folder.c_str(), W_OK | X_OK) != 0) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  return OkStatus();
}

namespace {

bool IsImage(const Image& image) {
  return image.width > 0 && image.height > 0 &&
         image.pixels.size() == static_cast<size_t>(image.width) * image.height * 4;
}

// Encodes `image` through libpng to where `attach_output` points it (a FILE
// or a memory sink). False when libpng failed.
template <typename AttachOutput>
bool EncodeWith(const Image& image, AttachOutput attach_output) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  std::vector<uint8_t> row(static_cast<size_t>(image.width) * 4);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  attach_output(png);
  png_set_compression_level(png, 3);  // screenshots: fast beats small
  png_set_IHDR(png, info, image.width, image.height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* in = &image.pixels[static_cast<size_t>(y) * image.width * 4];
    for (int x = 0; x < image.width; ++x) {
      uint8_t b = in[x * 4], g = in[x * 4 + 1], r = in[x * 4 + 2], a = in[x * 4 + 3];
      if (a != 0 && a != 255) {
        r = static_cast<uint8_t>(std::min(255, r * 255 / a));
        g = static_cast<uint8_t>(std::min(255, g * 255 / a));
        b = static_cast<uint8_t>(std::min(255, b * 255 / a));
      }
      row[x * 4] = r;
      row[x * 4 + 1] = g;
      row[x * 4 + 2] = b;
      row[x * 4 + 3] = a;
    }
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

Result<std::string> EncodePng(const Image& image) {
  if (!IsImage(image)) return Error{"no image to encode"};
  std::string out;
  if (!EncodeWith(image, [&out](png_structp png) { png_set_write_fn(png, &out, AppendToString, nullptr); })) {
    return Error{"libpng failed encoding the image"};
  }
  return out;
}

Status WritePng(const std::string& path, const Image& image) {
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
