#ifndef SANDTAB_PLUGIN_CLOCK_PLUGIN_H_
#define SANDTAB_PLUGIN_CLOCK_PLUGIN_H_

#include <cstdint>
#include <memory>

#include "plugin/plugin_instance.h"

namespace sandtab::plugin {

// application/x-sandtab-clock: an animated analog clock (UTC: the sandbox
// has no /etc/localtime) with a red dot orbiting the face once every two
// seconds, so every frame differs visibly. A click toggles pause; a paused
// clock sends no frames and shows two white bars in its top-left corner.
// Params: none (besides the debug params every type has).
class ClockInstance : public PluginInstance {
 public:
  // Colours (0xRRGGBB, opaque) that tests and screenshots look for.
  static constexpr unsigned kBackgroundRgb = 0x0B3D91;  // dark blue, outside the face
  static constexpr unsigned kFaceRgb = 0xFFD400;        // yellow face
  static constexpr unsigned kHandRgb = 0x111111;        // hour/minute hands, ticks
  static constexpr unsigned kAccentRgb = 0xE4002B;      // second hand, orbiting dot
  static constexpr unsigned kPauseRgb = 0xFFFFFF;       // pause bars
  // The pause bars: two 6x20 rects at (8,8) and (18,8), so (10,10) is white
  // exactly when paused.
  static constexpr int kPauseBarX[2] = {8, 18};
  static constexpr int kPauseBarY = 8, kPauseBarWidth = 6, kPauseBarHeight = 20;
  static constexpr int64_t kOrbitPeriodUs = 2'000'000;

  static std::unique_ptr<PluginInstance> Create(const PluginParams& params);

  void Paint(cairo_t* cr, int width, int height) override;
  bool OnClick(int x, int y) override;
  bool Animated() const override { return !paused_; }
  void Tick(int64_t now_us) override;

  bool paused() const { return paused_; }
  // Freezes the displayed time (microseconds since the Unix epoch, UTC).
  void SetTimeForTesting(int64_t wall_us) { wall_us_ = wall_us; }

 private:
  ClockInstance();

  bool paused_ = false;
  int64_t wall_us_ = 0;  // the time shown
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_CLOCK_PLUGIN_H_
