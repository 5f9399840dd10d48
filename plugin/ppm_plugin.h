#ifndef SANDTAB_PLUGIN_PPM_PLUGIN_H_
#define SANDTAB_PLUGIN_PPM_PLUGIN_H_

#include <memory>

#include "plugin/plugin_instance.h"
#include "plugin/ppm_decoder.h"

namespace sandtab::plugin {

// application/x-sandtab-ppm: shows an image in the plain PPM/PGM format
// given inline, e.g. data="P3 2 2 255  255 0 0  0 255 0  0 0 255  255 255 255".
// The decoder (ppm_decoder.h) is the kind of code whose bugs are why
// plugins run in their own sandboxed process. The image is scaled to fit,
// centred, with nearest-neighbour sampling (whole-pixel scale factors when
// enlarging), on a kBackgroundRgb background. Invalid data shows an error box.
// Params: data (required).
class PpmInstance : public PluginInstance {
 public:
  static constexpr unsigned kBackgroundRgb = 0x202020;

  static std::unique_ptr<PluginInstance> Create(const PluginParams& params);
  ~PpmInstance() override;

  void Paint(cairo_t* cr, int width, int height) override;
  bool OnClick(int, int) override { return false; }

 private:
  explicit PpmInstance(Result<DecodedImage> image);

  Result<DecodedImage> image_;
  // Made once over image_'s pixels, so painting allocates nothing.
  cairo_surface_t* surface_ = nullptr;
  cairo_pattern_t* pattern_ = nullptr;
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PPM_PLUGIN_H_
