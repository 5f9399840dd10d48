#include "lessons/torn_frame_counter.h"

#include <png.h>

#include <vector>

namespace sandtab::lessons {

Status TornFrameCounter::AddScreenshot(const std::string& png_path) {
  png_image image = {};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, png_path.c_str())) {
    return Error{"cannot read " + png_path + ": " + image.message};
  }
  image.format = PNG_FORMAT_RGBA;
  std::vector<uint8_t> rgba(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) {
    return Error{"cannot decode " + png_path + ": " + image.message};
  }
  AddImage(rgba, static_cast<int>(image.width), static_cast<int>(image.height));
  return OkStatus();
}

void TornFrameCounter::AddImage(std::span<const uint8_t> rgba, int width, int height) {
  if (width < 4 || height < stripes_ || rgba.size() < static_cast<size_t>(width) * height * 4) return;
  ++frames_;
  const int stripe_height = height / stripes_;
  const int x = width - 3;
  uint32_t first = 0;
  bool torn = false;
  for (int stripe = 0; stripe < stripes_; ++stripe) {
    const int y = stripe * stripe_height + stripe_height / 2;
    const uint8_t* pixel = &rgba[(static_cast<size_t>(y) * width + x) * 4];
    const uint32_t colour = uint32_t{pixel[0]} << 16 | uint32_t{pixel[1]} << 8 | pixel[2];
    if (stripe == 0) first = colour;
    torn |= colour != first;
  }
  if (torn) {
    ++torn_;
  } else {
    colours_.insert(first);
  }
}

}  // namespace sandtab::lessons
