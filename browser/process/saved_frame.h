#ifndef SANDTAB_BROWSER_PROCESS_SAVED_FRAME_H_
#define SANDTAB_BROWSER_PROCESS_SAVED_FRAME_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sandtab::browser {

// Rows [first_row, first_row + row_count) of a frame are all `argb`
// (premultiplied ARGB32) and were never painted into the buffer.
struct SolidRows {
  int first_row;
  int row_count;
  uint32_t argb;
};

// The last frame of a tab whose surface went back to the system, kept in the
// browser's own memory, compressed: what Chrome calls a saved frame, shown at
// once when the tab comes back to the front while its renderer repaints.
//
// The code is run-length, on 32-bit pixels, because pages are flat colour
// and text: a row equal to the row above costs nothing (its index points at
// the same code), a run of three or more equal pixels two words, anything
// else one word a pixel plus one a stretch; the words are then deflated.
// 1280x800 `article.html` is 4,000 KiB as pixels and ~60 KiB here; encoding
// and decoding touch each pixel once. The browser makes it and reads it back; it never crosses
// a process boundary.
class SavedFrame {
 public:
  // `pixels` holds `height` rows of `width` premultiplied ARGB32 pixels,
  // `stride` bytes apart; rows in `solid_rows` (sorted, disjoint) are not
  // read, their colour is saved instead.
  static SavedFrame Encode(const uint8_t* pixels, int width, int height, int stride,
                           std::span<const SolidRows> solid_rows);

  int width() const { return width_; }
  int height() const { return height_; }
  // What the frame costs while saved.
  size_t bytes() const { return deflated_.capacity(); }

  // The pixels again, rows width*4 bytes apart.
  std::vector<uint8_t> Decode() const;

 private:
  int width_ = 0, height_ = 0;
  // The words, deflated (zlib, its fastest level): per row where its code
  // begins (height_ words), then the code (code_words_). Text rows' words
  // repeat across rows and glyphs, which run-length coding cannot see:
  // 1280x800 article.html 323 -> ~60 KiB.
  std::vector<uint8_t> deflated_;
  size_t code_words_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_SAVED_FRAME_H_
