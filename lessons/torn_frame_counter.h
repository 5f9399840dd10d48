#ifndef SANDTAB_LESSONS_TORN_FRAME_COUNTER_H_
#define SANDTAB_LESSONS_TORN_FRAME_COUNTER_H_

#include <cstdint>
#include <set>
#include <span>
#include <string>

#include "base/result.h"

namespace sandtab::lessons {

// Reads screenshots of pages/lesson-tearing.html: horizontal stripes that a
// script paints, every frame, all in one colour that encodes the frame's
// number. A screenshot whose stripes disagree shows two frames at once: the
// browser read the buffer while the renderer was painting it (a torn frame).
// Each stripe is sampled at its middle row, near the right edge, away from
// its text; the black left border keeps every row painted (a row of one
// colour would travel as a solid run, not as pixels).
class TornFrameCounter {
 public:
  explicit TornFrameCounter(int stripes) : stripes_(stripes) {}

  // Counts one screenshot (a PNG file).
  Status AddScreenshot(const std::string& png_path);
  // Counts one image: RGBA bytes, `width` x `height`, row after row.
  void AddImage(std::span<const uint8_t> rgba, int width, int height);

  int frames() const { return frames_; }
  int torn() const { return torn_; }
  // Whole frames of different numbers seen: proof that the page moved.
  int distinct_frames() const { return static_cast<int>(colours_.size()); }

 private:
  int stripes_;
  int frames_ = 0;
  int torn_ = 0;
  std::set<uint32_t> colours_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_TORN_FRAME_COUNTER_H_
