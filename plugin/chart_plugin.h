#ifndef SANDTAB_PLUGIN_CHART_PLUGIN_H_
#define SANDTAB_PLUGIN_CHART_PLUGIN_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "plugin/plugin_instance.h"

namespace sandtab::plugin {

// What a chart shows, after validation.
struct ChartSpec {
  std::vector<double> values;    // 1..kMaxBars, each finite, 0..kMaxValue
  std::vector<unsigned> colors;  // 0xRRGGBB, cycled over the bars; never empty
  std::string title;             // printable ASCII, at most kMaxTitle
};

// application/x-sandtab-chart: a bar chart.
// Params: data="3,5,2,8" (required), colors="red,#00ff00,#00f" (optional,
// cycled), title="..." (optional). Anything malformed shows an error box
// (plugin_fonts.h, kErrorRgb) instead of a chart; nothing crashes.
class ChartInstance : public PluginInstance {
 public:
  static constexpr size_t kMaxBars = 64;
  static constexpr double kMaxValue = 1e9;
  static constexpr size_t kMaxTitle = 80;
  static constexpr size_t kMaxParamBytes = 4096;
  // Colours tests and screenshots can look for.
  static constexpr unsigned kBackgroundRgb = 0xFFFFFF;
  static constexpr unsigned kAxisRgb = 0x333333;
  static constexpr unsigned kDefaultBarRgb = 0xFF6F00;  // orange
  static constexpr unsigned kTitleRgb = 0x222222;
  // Layout, in pixels: the plot area is the instance minus these margins
  // (the top margin grows by kTitleHeight with a title). Bars stand on the
  // axis line at the bottom of the plot area; the tallest bar reaches its top.
  static constexpr int kMargin = 10;
  static constexpr int kTitleHeight = 20;
  static constexpr int kAxisWidth = 2;

  static std::unique_ptr<PluginInstance> Create(const PluginParams& params);
  // Validates the params; the error says which param and why.
  static Result<ChartSpec> ParseSpec(const PluginParams& params);
  // Parses one colour: #rgb, #rrggbb or a basic CSS colour name.
  static Result<unsigned> ParseColor(std::string_view text);

  void Paint(cairo_t* cr, int width, int height) override;
  bool OnClick(int x, int y) override;

 private:
  explicit ChartInstance(Result<ChartSpec> spec);

  Result<ChartSpec> spec_;
  int clicked_x_ = -1;  // x of the last click: the bar under it is outlined
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_CHART_PLUGIN_H_
