// The ppm plugin's plain Netpbm decoder (plugin/ppm_decoder.h) on any bytes
// a page can embed. A decoded image must respect the caps, hold exactly
// width * height pixels, and every pixel must be opaque.
#include <cstdint>
#include <string_view>

#include "plugin/ppm_decoder.h"
#include "tests/fuzz/fuzz_check.h"

using sandtab::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto image = sandtab::plugin::DecodePlainNetpbm(bytes);
  if (!image) {
    Check(!image.error().empty(), "a refusal without a reason");
    return 0;
  }
  Check(image->width >= 1 && image->height >= 1 && image->width <= sandtab::plugin::kMaxPpmDimension &&
            image->height <= sandtab::plugin::kMaxPpmDimension &&
            int64_t{image->width} * image->height <= sandtab::plugin::kMaxPpmPixels,
        "a decoded image past the caps");
  Check(image->pixels.size() == static_cast<size_t>(image->width) * static_cast<size_t>(image->height),
        "pixel count is not width * height");
  for (uint32_t pixel : image->pixels) Check((pixel >> 24) == 0xff, "a pixel not opaque");
  return 0;
}
