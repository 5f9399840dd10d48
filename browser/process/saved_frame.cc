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

// Writes one row's code through `put(word)`: run through a counter first,
// then into storage of exactly that size (growing a vector by doubling left
// the browser's heap holding the discarded halves).
template <typename Put>
void EncodeRow(const uint8_t* row, int width, Put&& put) {
  int stretch_start = 0;
  auto end_stretch = [&](int at) {
    if (at == stretch_start) return;
    put(static_cast<uint32_t>(at - stretch_start));
    for (int x = stretch_start; x < at; ++x) put(PixelAt(row, x));
  };
  int x = 0;
  while (x < width) {
    const uint32_t pixel = PixelAt(row, x);
    int end = x + 1;
    while (end < width && PixelAt(row, end) == pixel) ++end;
    if (end - x >= kShortestRun) {
      end_stretch(x);
      put(kRun | static_cast<uint32_t>(end - x));
      put(pixel);
      stretch_start = end;
    }
    x = end;
  }
  end_stretch(width);
}

// Which rows to code, and how: a solid run's colour, the row above again, or
// the pixels. Calls `row(y, bytes)` for a row to code from its pixels,
// `solid_row(y, argb)` for the first row of a solid run, and `repeat(y)` for
// a row that shares the code of the one above. (A renderer writing into the
// buffer between the two walks garbles only its own picture: the second
// walk's code is what is kept, and Decode checks every bound.)
template <typename Row, typename Solid, typename Repeat>
void WalkRows(const uint8_t* pixels, int width, int height, int stride, std::span<const SolidRows> solid_rows,
              Row&& row, Solid&& solid_row, Repeat&& repeat) {
  const size_t row_bytes = static_cast<size_t>(width) * 4;
  const uint8_t* previous = nullptr;  // the last row read from `pixels`
  auto solid = solid_rows.begin();
  for (int y = 0; y < height; ++y) {
    while (solid != solid_rows.end() && solid->first_row + solid->row_count <= y) ++solid;
    if (solid != solid_rows.end() && y >= solid->first_row) {
      if (y > solid->first_row) {
        repeat(y);
      } else {
        solid_row(y, solid->argb);
      }
      previous = nullptr;
      continue;
    }
    const uint8_t* bytes = pixels + static_cast<size_t>(y) * stride;
    if (previous && std::memcmp(bytes, previous, row_bytes) == 0) {
      repeat(y);
    } else {
      row(y, bytes);
    }
    previous = bytes;
  }
}

}  // namespace

SavedFrame SavedFrame::Encode(const uint8_t* pixels, int width, int height, int stride,
                              std::span<const SolidRows> solid_rows) {
  size_t words = 0;
  WalkRows(
      pixels, width, height, stride, solid_rows,
      [&](int, const uint8_t* row) { EncodeRow(row, width, [&](uint32_t) { ++words; }); },
      [&](int, uint32_t) { words += 2; }, [](int) {});
  SavedFrame frame;
  frame.width_ = width;
  frame.height_ = height;
  frame.row_start_.resize(static_cast<size_t>(height));
  frame.code_.reserve(words);
  auto put = [&frame](uint32_t word) { frame.code_.push_back(word); };
  WalkRows(
      pixels, width, height, stride, solid_rows,
      [&](int y, const uint8_t* row) {
        frame.row_start_[y] = static_cast<uint32_t>(frame.code_.size());
        EncodeRow(row, width, put);
      },
      [&](int y, uint32_t argb) {
        frame.row_start_[y] = static_cast<uint32_t>(frame.code_.size());
        put(kRun | static_cast<uint32_t>(width));
        put(argb);
      },
      [&](int y) { frame.row_start_[y] = frame.row_start_[y - 1]; });
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
