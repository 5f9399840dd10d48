#ifndef SANDTAB_PLUGIN_PPM_DECODER_H_
#define SANDTAB_PLUGIN_PPM_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace sandtab::plugin {

// A decoded image: width * height pixels, row-major, each 0xFFRRGGBB (cairo's
// ARGB32, opaque, so premultiplication changes nothing).
struct DecodedImage {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> pixels;
};

// Caps, checked before anything is allocated: a page cannot make the plugin
// allocate more than kMaxPixels * 4 bytes, however large it claims to be.
inline constexpr int kMaxPpmDimension = 1024;
inline constexpr int64_t kMaxPpmPixels = 512 * 512;
inline constexpr size_t kMaxPpmInputBytes = 4u << 20;

// Decodes the ASCII ("plain") Netpbm formats: P3 (colour PPM) and P2
// (greyscale PGM): magic, width, height, maxval (1..65535), then exactly
// width * height * (3 or 1) samples, each <= maxval, all as decimal
// numbers separated by whitespace; '#' starts a comment up to the end of the
// line. Samples are scaled to 0..255. Strict by design, because this is the
// code hostile pages feed: any other character, a number with too many
// digits, a missing or extra sample, a dimension of 0 or over the caps are
// errors that say what and where. Never reads outside `input`.
Result<DecodedImage> DecodePlainNetpbm(std::string_view input);

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PPM_DECODER_H_
