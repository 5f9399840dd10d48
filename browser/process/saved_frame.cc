#include "browser/process/saved_frame.h"

#include <algorithm>
#include <cstring>

namespace sandtab::browser {
namespace {

// A code word: the top bit says a run (one pixel follows, repeated `count`
// times) or a stretch (`count` pixels follow as they are).
constexpr uint32_t kRun = 0x80000000u;
constexpr uint32_t kCountMask = 0x7fffffffu;
// A run of two costs as much as two pixels in a stretch, and breaks it.
constexpr int kShortestRun = 3;

uint32_t PixelAt(const uint8_t* row, int x) {
  uint32_t pixel;
  std::memcpy(&pixel, row + 4 * static_cast<size_t>(x), 4);
  return pixel;
}

void EncodeRow(const uint8_t* row, int width, std::vector<uint32_t>& code) {
  int stretch_start = 0;
  auto end_stretch = [&](int at) {
    if (at == stretch_start) return;
    code.push_back(static_cast<uint32_t>(at - stretch_start));
    for (int x = stretch_start; x < at; ++x) code.push_back(PixelAt(row, x));
  };
  int x = 0;
  while (x < width) {
    const uint32_t pixel = PixelAt(row, x);
    int end = x + 1;
    while (end < width && PixelAt(row, end) == pixel) ++end;
    if (end - x >= kShortestRun) {
      end_stretch(x);
      code.push_back(kRun | static_cast<uint32_t>(end - x));
      code.push_back(pixel);
      stretch_start = end;
    }
    x = end;
  }
  end_stretch(width);
}

}  // namespace

SavedFrame SavedFrame::Encode(const uint8_t* pixels, int width, int height, int stride,
                              std::span<const SolidRows> solid_rows) {
  SavedFrame frame;
  frame.width_ = width;
  frame.height_ = height;
  frame.row_start_.resize(static_cast<size_t>(height));
  const size_t row_bytes = static_cast<size_t>(width) * 4;
  const uint8_t* previous = nullptr;  // the last row read from `pixels`
  auto solid = solid_rows.begin();
  for (int y = 0; y < height; ++y) {
    while (solid != solid_rows.end() && solid->first_row + solid->row_count <= y) ++solid;
    const size_t start = frame.code_.size();
    if (solid != solid_rows.end() && y >= solid->first_row) {
      if (y > solid->first_row) {
        frame.row_start_[y] = frame.row_start_[y - 1];
      } else {
        frame.row_start_[y] = static_cast<uint32_t>(start);
        frame.code_.push_back(kRun | static_cast<uint32_t>(width));
        frame.code_.push_back(solid->argb);
      }
      previous = nullptr;
      continue;
    }
    const uint8_t* row = pixels + static_cast<size_t>(y) * stride;
    if (previous && std::memcmp(row, previous, row_bytes) == 0) {
      frame.row_start_[y] = frame.row_start_[y - 1];
    } else {
      frame.row_start_[y] = static_cast<uint32_t>(start);
      EncodeRow(row, width, frame.code_);
    }
    previous = row;
  }
  frame.code_.shrink_to_fit();
  return frame;
}

std::vector<uint8_t> SavedFrame::Decode() const {
  const size_t row_bytes = static_cast<size_t>(width_) * 4;
  std::vector<uint8_t> pixels(row_bytes * static_cast<size_t>(height_));
  for (int y = 0; y < height_; ++y) {
    uint8_t* out = pixels.data() + row_bytes * static_cast<size_t>(y);
    if (y > 0 && row_start_[y] == row_start_[y - 1]) {
      std::memcpy(out, out - row_bytes, row_bytes);
      continue;
    }
    size_t at = row_start_[y];
    int x = 0;
    // Encode wrote exactly `width_` pixels a row; the bounds are checked
    // all the same, so a bad code leaves pixels black, never overruns.
    while (x < width_ && at < code_.size()) {
      const uint32_t word = code_[at++];
      const int count = std::min(static_cast<int>(word & kCountMask), width_ - x);
      if (word & kRun) {
        if (at >= code_.size()) break;
        const uint32_t pixel = code_[at++];
        for (int i = 0; i < count; ++i) std::memcpy(out + 4 * static_cast<size_t>(x + i), &pixel, 4);
      } else {
        const size_t available = std::min(static_cast<size_t>(count), code_.size() - at);
        std::memcpy(out + 4 * static_cast<size_t>(x), code_.data() + at, available * 4);
        at += static_cast<size_t>(word & kCountMask);
      }
      x += count;
    }
  }
  return pixels;
}

}  // namespace sandtab::browser
