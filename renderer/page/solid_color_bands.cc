#include "renderer/page/solid_color_bands.h"

#include <algorithm>

namespace sandtab::renderer {
namespace {

// Rectangles in 64 bits: a hostile page's boxes can sit near INT_MAX.
struct Box {
  int64_t left, top, right, bottom;
  bool empty() const { return left >= right || top >= bottom; }
};

Box ToBox(const PaintRect& p) {
  return {p.x, p.y, int64_t{p.x} + std::max(p.width, 0), int64_t{p.y} + std::max(p.height, 0)};
}

PaintRect ToRect(const Box& b) {
  return {static_cast<int>(b.left), static_cast<int>(b.top), static_cast<int>(b.right - b.left),
          static_cast<int>(b.bottom - b.top)};
}

Box Intersect(const Box& a, const Box& b) {
  return {std::max(a.left, b.left), std::max(a.top, b.top), std::min(a.right, b.right), std::min(a.bottom, b.bottom)};
}

}  // namespace

void SolidColorBands::Reset(int width, int height) {
  width_ = std::clamp(width, 0, kMaxSide);
  height_ = std::clamp(height, 0, kMaxSide);
  band_count_ = (height_ + kBandHeight - 1) / kBandHeight;
  for (int i = 0; i < band_count_; ++i) bands_[i] = Band{};
  clips_.clear();
}

int SolidColorBands::BandRows(int band) const { return std::min(kBandHeight, height_ - BandTop(band)); }

uint32_t SolidColorBands::OpaquePixel(const PaintColor& color) {
  return 0xff000000u | uint32_t{color.red} << 16 | uint32_t{color.green} << 8 | uint32_t{color.blue};
}

bool SolidColorBands::Clipped(const PaintRect& rect, int margin, PaintRect* out) const {
  Box box = ToBox(rect);
  if (box.empty()) return false;  // draws nothing, whatever its margin
  const int64_t grow = std::clamp(margin, 0, kMaxSide);
  box = {box.left - grow, box.top - grow, box.right + grow, box.bottom + grow};
  box = Intersect(box, {0, 0, width_, height_});
  if (!clips_.empty()) {
    const Clip& clip = clips_.back();
    box = Intersect(box, {clip.left, clip.top, clip.right, clip.bottom});
  }
  if (box.empty()) return false;
  *out = ToRect(box);
  return true;
}

void SolidColorBands::PushClip(const PaintRect& rect, bool rounded) {
  Box box = ToBox(rect);
  if (!clips_.empty()) {
    // Nested clips intersect, and a rounded one anywhere makes fills inexact.
    const Clip& outer = clips_.back();
    box = Intersect(box, {outer.left, outer.top, outer.right, outer.bottom});
    rounded = rounded || outer.rounded;
  }
  if (box.empty()) box = {0, 0, 0, 0};
  clips_.push_back({box.left, box.top, box.right, box.bottom, rounded});
}

void SolidColorBands::PopClip() {
  if (!clips_.empty()) clips_.pop_back();
}

void SolidColorBands::MarkPainted(const PaintRect& rect) {
  const int first = rect.y / kBandHeight;
  const int last = (rect.y + rect.height - 1) / kBandHeight;
  for (int band = first; band <= last && band < band_count_; ++band) bands_[band].solid = false;
}

void SolidColorBands::Ink(const PaintRect& rect, int margin) {
  PaintRect visible;
  if (Clipped(rect, margin, &visible)) MarkPainted(visible);
}

void SolidColorBands::Fill(const PaintRect& rect, const PaintColor& color) {
  if (color.alpha == 0) return;
  if (color.alpha != 255 || (!clips_.empty() && clips_.back().rounded)) return Ink(rect);
  PaintRect visible;
  if (!Clipped(rect, 0, &visible)) return;
  const uint32_t pixel = OpaquePixel(color);
  const bool full_width = visible.x == 0 && visible.width == width_;
  const int first = visible.y / kBandHeight;
  const int last = (visible.y + visible.height - 1) / kBandHeight;
  for (int band = first; band <= last && band < band_count_; ++band) {
    Band& b = bands_[band];
    const bool covers =
        full_width && visible.y <= BandTop(band) && visible.y + visible.height >= BandTop(band) + BandRows(band);
    if (covers) {
      b = Band{true, pixel};
    } else if (!b.solid || b.pixel != pixel) {
      b.solid = false;  // part of the band changes colour
    }
  }
}

}  // namespace sandtab::renderer
