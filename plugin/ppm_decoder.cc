#include "plugin/ppm_decoder.h"

#include <cstdio>
#include <string>

namespace sandtab::plugin {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Reads decimal numbers one at a time, skipping whitespace and comments.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : input_(input) {}

  // The next number, which must be at most `max`. The error names `what`.
  Result<uint32_t> Next(const char* what, uint32_t max) {
    SkipSpaceAndComments();
    if (pos_ == input_.size()) return Error{std::string("ppm: input ends before ") + what};
    if (input_[pos_] < '0' || input_[pos_] > '9') return Unexpected();
    uint64_t value = 0;
    const size_t start = pos_;
    while (pos_ < input_.size() && input_[pos_] >= '0' && input_[pos_] <= '9') {
      // Bounded digit count: the value cannot overflow however long the run.
      if (pos_ - start >= 9)
        return Error{std::string("ppm: ") + what + " has too many digits at byte " + std::to_string(start)};
      value = value * 10 + static_cast<uint64_t>(input_[pos_++] - '0');
    }
    if (pos_ < input_.size() && !IsSpace(input_[pos_]) && input_[pos_] != '#') return Unexpected();
    if (value > max) {
      return Error{std::string("ppm: ") + what + " " + std::to_string(value) + " exceeds " + std::to_string(max) +
                   " at byte " + std::to_string(start)};
    }
    return static_cast<uint32_t>(value);
  }

  // After the last sample only whitespace and comments may follow.
  bool AtEnd() {
    SkipSpaceAndComments();
    return pos_ == input_.size();
  }
  size_t pos() const { return pos_; }

 private:
  void SkipSpaceAndComments() {
    while (pos_ < input_.size()) {
      if (IsSpace(input_[pos_])) {
        ++pos_;
      } else if (input_[pos_] == '#') {
        while (pos_ < input_.size() && input_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }
  Error Unexpected() const {
    const unsigned char c = static_cast<unsigned char>(input_[pos_]);
    char shown[8];
    std::snprintf(shown, sizeof(shown), (c >= 32 && c < 127) ? "'%c'" : "0x%02x", c);
    return Error{std::string("ppm: unexpected ") + shown + " at byte " + std::to_string(pos_)};
  }

  std::string_view input_;
  size_t pos_ = 0;
};

}  // namespace

Result<DecodedImage> DecodePlainNetpbm(std::string_view input) {
  if (input.size() > kMaxPpmInputBytes) return Error{"ppm: input larger than 4 MiB"};
  if (input.size() < 2 || input[0] != 'P' || (input[1] != '3' && input[1] != '2')) {
    return Error{"ppm: not a plain PPM/PGM (must start with P3 or P2)"};
  }
  const bool color = input[1] == '3';
  if (input.size() > 2 && !IsSpace(input[2]) && input[2] != '#') return Error{"ppm: bad magic number"};
  Tokenizer tokens(input.substr(2));

  auto width = tokens.Next("width", kMaxPpmDimension);
  if (!width) return Error{width.error()};
  auto height = tokens.Next("height", kMaxPpmDimension);
  if (!height) return Error{height.error()};
  if (*width == 0 || *height == 0) return Error{"ppm: width and height must be at least 1"};
  // Both are <= 1024, so the product fits easily; the pixel cap is separate.
  const int64_t pixel_count = int64_t{*width} * int64_t{*height};
  if (pixel_count > kMaxPpmPixels) {
    return Error{"ppm: " + std::to_string(*width) + "x" + std::to_string(*height) + " is over the 262144-pixel cap"};
  }
  auto maxval = tokens.Next("maxval", 65535);
  if (!maxval) return Error{maxval.error()};
  if (*maxval == 0) return Error{"ppm: maxval must be at least 1"};

  DecodedImage image;
  image.width = static_cast<int>(*width);
  image.height = static_cast<int>(*height);
  image.pixels.resize(static_cast<size_t>(pixel_count));
  const int channels = color ? 3 : 1;
  for (uint32_t& pixel : image.pixels) {
    uint32_t rgb[3];
    for (int c = 0; c < channels; ++c) {
      auto sample = tokens.Next("sample", *maxval);
      if (!sample) return Error{sample.error()};
      rgb[c] = (*sample * 255 + *maxval / 2) / *maxval;  // < 2^25: no overflow
    }
    if (!color) rgb[1] = rgb[2] = rgb[0];
    pixel = 0xFF000000u | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
  }
  if (!tokens.AtEnd()) return Error{"ppm: data after the last sample at byte " + std::to_string(tokens.pos() + 2)};
  return image;
}

}  // namespace sandtab::plugin
