#include "browser/process/saved_frame.h"

#include <zlib.h>

#include <algorithm>
#include <cstddef>
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
  // Row starts first, then the code; both only until they are deflated.
  std::vector<uint32_t> all(static_cast<size_t>(height) + words);
  uint32_t* row_start = all.data();
  uint32_t* code = all.data() + height;
  size_t at = 0;
  auto put = [&](uint32_t word) {
    if (at < words) code[at] = word;  // a renderer writing meanwhile may lengthen the second walk
    ++at;
  };
  WalkRows(
      pixels, width, height, stride, solid_rows,
      [&](int y, const uint8_t* row) {
        row_start[y] = static_cast<uint32_t>(std::min(at, words));
        EncodeRow(row, width, put);
      },
      [&](int y, uint32_t argb) {
        row_start[y] = static_cast<uint32_t>(std::min(at, words));
        put(kRun | static_cast<uint32_t>(width));
        put(argb);
      },
      [&](int y) { row_start[y] = row_start[y - 1]; });
  frame.code_words_ = words;

  const uLong raw_bytes = static_cast<uLong>(all.size() * sizeof(uint32_t));
  std::vector<uint8_t> deflated(compressBound(raw_bytes));
  uLongf deflated_bytes = static_cast<uLongf>(deflated.size());
  if (compress2(deflated.data(), &deflated_bytes, reinterpret_cast<const Bytef*>(all.data()), raw_bytes,
                Z_BEST_SPEED) != Z_OK) {
    return SavedFrame();  // nothing saved: the tab shows white until its renderer paints
  }
  // Exactly its size: the bound's slack would stay in the browser's heap.
  frame.deflated_.assign(deflated.begin(), deflated.begin() + static_cast<std::ptrdiff_t>(deflated_bytes));
  return frame;
}

std::vector<uint8_t> SavedFrame::Decode() const {
  const size_t row_bytes = static_cast<size_t>(width_) * 4;
  std::vector<uint8_t> pixels(row_bytes * static_cast<size_t>(height_));
  std::vector<uint32_t> all(static_cast<size_t>(height_) + code_words_);
  uLongf raw_bytes = static_cast<uLongf>(all.size() * sizeof(uint32_t));
  if (deflated_.empty() || uncompress(reinterpret_cast<Bytef*>(all.data()), &raw_bytes, deflated_.data(),
                                      static_cast<uLong>(deflated_.size())) != Z_OK) {
    return pixels;  // black; never happens to what Encode made
  }
  const std::span<const uint32_t> row_start(all.data(), static_cast<size_t>(height_));
  const std::span<const uint32_t> code(all.data() + height_, code_words_);
  for (int y = 0; y < height_; ++y) {
    uint8_t* out = pixels.data() + row_bytes * static_cast<size_t>(y);
    if (y > 0 && row_start[y] == row_start[y - 1]) {
      std::memcpy(out, out - row_bytes, row_bytes);
      continue;
    }
    size_t at = row_start[y];
    int x = 0;
    // Encode wrote exactly `width_` pixels a row; the bounds are checked
    // all the same, so a bad code leaves pixels black, never overruns.
    while (x < width_ && at < code.size()) {
      const uint32_t word = code[at++];
      const int count = std::min(static_cast<int>(word & kCountMask), width_ - x);
      if (word & kRun) {
        if (at >= code.size()) break;
        const uint32_t pixel = code[at++];
        for (int i = 0; i < count; ++i) std::memcpy(out + 4 * static_cast<size_t>(x + i), &pixel, 4);
      } else {
        const size_t available = std::min(static_cast<size_t>(count), code.size() - at);
        std::memcpy(out + 4 * static_cast<size_t>(x), code.data() + at, available * 4);
        at += static_cast<size_t>(word & kCountMask);
      }
      x += count;
    }
  }
  return pixels;
}

}  // namespace sandtab::browser
