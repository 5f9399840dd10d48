// SolidColorBands: which full-width bands of the viewport come out as one
// solid colour, found from the page's paint calls before any pixel is
// painted. Chrome does the same per tile (cc's SolidColorAnalyzer): a solid
// tile is not rastered at all, the compositor draws a SolidColorDrawQuad.
//
// Here it saves page touches. On a VM whose page tables the hypervisor
// shadows, a process's first touch of a page costs several microseconds even
// when the page exists; a new renderer's 1280x800 buffer is 1,000 pages,
// and most of a simple page is its background. Bands are whole rows because
// the buffer is row-major: a tile narrower than the viewport would still
// touch every page of its rows.
//
// Conservative by construction: anything the analysis does not understand
// (text, borders, images, rounded or translucent boxes) marks the bands it
// may reach as painted; only opaque axis-aligned fills with integer edges,
// which Cairo paints exactly, can make a band solid.
#ifndef SANDTAB_RENDERER_PAGE_SOLID_COLOR_BANDS_H_
#define SANDTAB_RENDERER_PAGE_SOLID_COLOR_BANDS_H_

#include <array>
#include <cstdint>
#include <vector>

namespace sandtab::renderer {

// Viewport coordinates, CSS px (litehtml's are ints too).
struct PaintRect {
  int x, y, width, height;
};
struct PaintColor {
  uint8_t red, green, blue, alpha = 255;
};

class SolidColorBands {
 public:
  static constexpr int kBandHeight = 32;
  static constexpr int kMaxSide = 8192;  // SetSurface's limit on width and height
  static constexpr int kMaxBands = kMaxSide / kBandHeight;

  // Starts a frame of `width` x `height`: every band the canvas's white.
  void Reset(int width, int height);

  // The paint calls, in paint order, in viewport coordinates.
  // An opaque or translucent colour filling `rect` exactly (no rounding).
  void Fill(const PaintRect& rect, const PaintColor& color);
  // Anything else that may change pixels somewhere inside `rect` grown by
  // `margin` on every side (antialiased edges by default).
  void Ink(const PaintRect& rect, int margin = 1);
  // Clips nest; a rounded clip makes fills inside it inexact.
  void PushClip(const PaintRect& rect, bool rounded);
  void PopClip();

  int band_count() const { return band_count_; }
  int BandTop(int band) const { return band * kBandHeight; }
  int BandRows(int band) const;
  bool IsSolid(int band) const { return bands_[band].solid; }
  // The band's pixel as Cairo stores it (premultiplied ARGB32); solid only.
  uint32_t Pixel(int band) const { return bands_[band].pixel; }

  // What Cairo writes for an opaque colour set with cairo_set_source_rgba(
  // c / 255.0, ...): exact, because 8-bit -> 16-bit -> 8-bit round-trips.
  static uint32_t OpaquePixel(const PaintColor& color);

 private:
  struct Band {
    bool solid = true;
    uint32_t pixel = 0xffffffff;
  };
  struct Clip {  // in 64 bits, like every rectangle inside
    int64_t left, top, right, bottom;
    bool rounded;
  };
  // `rect` cut to the current clip; false if nothing is left.
  bool Clipped(const PaintRect& rect, int margin, PaintRect* out) const;
  void MarkPainted(const PaintRect& rect);

  int width_ = 0;
  int height_ = 0;
  int band_count_ = 0;
  std::array<Band, kMaxBands> bands_;
  std::vector<Clip> clips_;  // keeps its capacity from frame to frame
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_SOLID_COLOR_BANDS_H_
