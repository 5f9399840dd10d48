#ifndef SANDTAB_LESSONS_FRAME_TEARING_H_
#define SANDTAB_LESSONS_FRAME_TEARING_H_

#include <chrono>
#include <string>

#include "base/result.h"

namespace sandtab::lessons {

class IpcJanitor;

// The race in sandtab's own frames: a browser opens pages/lesson-tearing.html
// in a 640x480 tab and takes screenshots while the page animates, with or
// without --unsafe-single-buffer, and TornFrameCounter reads each one.
class FrameTearing {
 public:
  struct Count {
    int frames = 0;
    int torn = 0;
    int distinct = 0;
  };
  static constexpr int kStripes = 16;

  FrameTearing(IpcJanitor& janitor, std::string bin_dir) : janitor_(janitor), bin_dir_(std::move(bin_dir)) {}

  // Screenshots until `enough_torn` torn frames, `max_frames` frames or
  // `budget` (whichever first).
  Result<Count> Capture(bool single_buffer, int max_frames, int enough_torn, std::chrono::seconds budget);

 private:
  IpcJanitor& janitor_;
  std::string bin_dir_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_FRAME_TEARING_H_
