#include "plugin/ppm_plugin.h"

#include <algorithm>
#include <cmath>

#include "plugin/plugin_fonts.h"

namespace sandtab::plugin {

std::unique_ptr<PluginInstance> PpmInstance::Create(const PluginParams& params) {
  const std::string* data = params.Find("data");
  if (!data) return std::unique_ptr<PluginInstance>(new PpmInstance(Error{"ppm: missing data param"}));
  return std::unique_ptr<PluginInstance>(new PpmInstance(DecodePlainNetpbm(*data)));
}

PpmInstance::PpmInstance(Result<DecodedImage> image) : image_(std::move(image)) {
  if (!image_) return;
  DecodedImage& decoded = *image_;
  surface_ = cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(decoded.pixels.data()),
                                                 CAIRO_FORMAT_ARGB32, decoded.width, decoded.height, decoded.width * 4);
  pattern_ = cairo_pattern_create_for_surface(surface_);
  cairo_pattern_set_filter(pattern_, CAIRO_FILTER_NEAREST);
}

PpmInstance::~PpmInstance() {
  if (pattern_) cairo_pattern_destroy(pattern_);
  if (surface_) cairo_surface_destroy(surface_);
}

void PpmInstance::Paint(cairo_t* cr, int width, int height) {
  if (!image_) return PaintError(cr, width, height, image_.error());
  SetSourceRgb(cr, kBackgroundRgb);
  cairo_paint(cr);
  const DecodedImage& image = *image_;
  double scale = std::min(static_cast<double>(width) / image.width, static_cast<double>(height) / image.height);
  if (scale >= 1) scale = std::floor(scale);  // every image pixel becomes an equal square
  const double x = std::floor((width - image.width * scale) / 2);
  const double y = std::floor((height - image.height * scale) / 2);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_set_source(cr, pattern_);  // locks the pattern to the scaled user space
  cairo_rectangle(cr, 0, 0, image.width, image.height);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace sandtab::plugin
