// SavedFrame: a released tab's last frame, run-length coded, and decoded
// back to the very same pixels.
#include "browser/process/saved_frame.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace sandtab::browser {
namespace {

constexpr uint32_t kWhite = 0xffffffffu;

// A page-like frame: white, a flat band, rows of "text" (short stretches of
// distinct pixels between white runs), and rows repeated below each other.
std::vector<uint32_t> PageLike(int width, int height) {
  std::vector<uint32_t> pixels(static_cast<size_t>(width) * height, kWhite);
  uint32_t noise = 12345;
  for (int y = 0; y < height; ++y) {
    uint32_t* row = pixels.data() + static_cast<size_t>(y) * width;
    if (y % 40 < 8) {
      for (int x = 0; x < width; ++x) row[x] = 0xff1565c0u;  // a band
    } else if (y % 40 >= 20 && y % 40 < 32) {
      for (int x = 16; x < width - 16; ++x) {
        noise = noise * 1103515245u + 12345u;
        if ((x / 6) % 2 == 0) row[x] = 0xff000000u | (noise >> 8);  // glyph pixels
      }
    }
  }
  return pixels;
}

std::vector<uint8_t> Bytes(const std::vector<uint32_t>& pixels) {
  std::vector<uint8_t> bytes(pixels.size() * 4);
  std::memcpy(bytes.data(), pixels.data(), bytes.size());
  return bytes;
}

TEST(SavedFrameTest, DecodesToThePixelsItWasMadeFrom) {
  const int width = 97, height = 61;  // odd sizes: no run or stretch fits a row evenly
  const std::vector<uint8_t> pixels = Bytes(PageLike(width, height));
  SavedFrame frame = SavedFrame::Encode(pixels.data(), width, height, width * 4, {});
  EXPECT_EQ(frame.width(), width);
  EXPECT_EQ(frame.height(), height);
  EXPECT_EQ(frame.Decode(), pixels);
}

TEST(SavedFrameTest, ReadsRowsAStrideApartAndRunsOfEveryLength) {
  const int width = 40, height = 6, stride = width * 4 + 24;  // padding past each row
  std::vector<uint8_t> padded(static_cast<size_t>(stride) * height, 0xab);
  std::vector<uint8_t> expected;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      // Runs of 1, 2, 3, ... pixels (a new colour each), different per row.
      int run = 1, start = 0;
      while (start + run <= x) start += run++;
      const uint32_t pixel = 0xff000000u | static_cast<uint32_t>(run * 977 + y);
      std::memcpy(padded.data() + static_cast<size_t>(y) * stride + 4 * x, &pixel, 4);
      const auto* bytes = reinterpret_cast<const uint8_t*>(&pixel);
      expected.insert(expected.end(), bytes, bytes + 4);
    }
  }
  EXPECT_EQ(SavedFrame::Encode(padded.data(), width, height, stride, {}).Decode(), expected);
}

TEST(SavedFrameTest, SolidRowsAreSavedAsTheirColourNotAsTheBuffersBytes) {
  const int width = 20, height = 10;
  std::vector<uint32_t> pixels = PageLike(width, height);
  for (int y = 3; y < 6; ++y) {
    for (int x = 0; x < width; ++x) pixels[static_cast<size_t>(y) * width + x] = 0x12345678u;  // stale bytes
  }
  const SolidRows solid[] = {{3, 3, 0xff00ff00u}, {9, 1, 0xff0000ffu}};
  std::vector<uint32_t> expected = pixels;
  for (const SolidRows& run : solid) {
    for (int y = run.first_row; y < run.first_row + run.row_count; ++y) {
      for (int x = 0; x < width; ++x) expected[static_cast<size_t>(y) * width + x] = run.argb;
    }
  }
  const std::vector<uint8_t> bytes = Bytes(pixels);
  EXPECT_EQ(SavedFrame::Encode(bytes.data(), width, height, width * 4, solid).Decode(), Bytes(expected));
}

// What it is for: a page's frame is a small fraction of its pixels. Text
// rows cost most; flat and repeated rows next to nothing.
TEST(SavedFrameTest, APagesFrameIsAFractionOfItsPixels) {
  const int width = 1280, height = 800;
  const std::vector<uint8_t> page = Bytes(PageLike(width, height));
  SavedFrame frame = SavedFrame::Encode(page.data(), width, height, width * 4, {});
  // 12 rows in 40 are text, each about 3/4 of its pixels as words: ~0.23.
  EXPECT_LT(frame.bytes(), page.size() / 3) << "flat and repeated rows must cost next to nothing";
  EXPECT_EQ(frame.Decode(), page);

  const std::vector<uint8_t> blank = Bytes(std::vector<uint32_t>(size_t{width} * height, kWhite));
  SavedFrame white = SavedFrame::Encode(blank.data(), width, height, width * 4, {});
  // One run for the first row, every other row shares it: the row index is
  // most of it (a word a row).
  EXPECT_LE(white.bytes(), size_t{height} * 4 + 64);
  EXPECT_EQ(white.Decode(), blank);

  // Noise is the worst case: a word a pixel plus a count a row.
  std::vector<uint32_t> noise(size_t{width} * height);
  uint32_t seed = 7;
  for (uint32_t& pixel : noise) pixel = seed = seed * 1664525u + 1013904223u;
  const std::vector<uint8_t> noisy = Bytes(noise);
  SavedFrame worst = SavedFrame::Encode(noisy.data(), width, height, width * 4, {});
  EXPECT_LE(worst.bytes(), noisy.size() + size_t{height} * 64);
  EXPECT_EQ(worst.Decode(), noisy);
}

// Text is a few glyphs over and over: run-length coding cannot see that (a
// glyph's pixels differ from their neighbours), the deflate after it can.
// A frame of lines of twelve glyph shapes in random order, half its rows
// text: its run-length words alone are about half the pixels' size, and
// deflated about a fifteenth.
TEST(SavedFrameTest, TextOfRepeatedGlyphsCostsLittle) {
  const int width = 1280, height = 800, glyph_width = 8, line_height = 16;
  uint32_t noise = 99;
  auto next = [&noise] { return noise = noise * 1103515245u + 12345u; };
  std::vector<uint32_t> glyphs(12 * glyph_width * line_height);
  for (uint32_t& pixel : glyphs) pixel = next() % 3 == 0 ? kWhite : 0xff000000u | (next() >> 8);
  std::vector<uint32_t> pixels(size_t{width} * height, kWhite);
  for (int line = 0; line < height / line_height; line += 2) {
    for (int x = 0; x + glyph_width <= width; x += glyph_width) {
      const uint32_t* glyph = glyphs.data() + (next() >> 16) % 12 * glyph_width * line_height;
      for (int gy = 0; gy < line_height; ++gy) {
        std::memcpy(pixels.data() + size_t{width} * (line * line_height + gy) + x, glyph + gy * glyph_width,
                    glyph_width * 4);
      }
    }
  }
  const std::vector<uint8_t> bytes = Bytes(pixels);
  SavedFrame frame = SavedFrame::Encode(bytes.data(), width, height, width * 4, {});
  EXPECT_LT(frame.bytes(), bytes.size() / 12) << frame.bytes();
  EXPECT_EQ(frame.Decode(), bytes);
}

}  // namespace
}  // namespace sandtab::browser
