#include "plugin/chart_plugin.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "plugin/plugin_fonts.h"

namespace sandtab::plugin {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

// Splits on commas, keeping empty fields (so "1,,2" is an error, not "1,2").
std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> fields;
  for (;;) {
    const size_t comma = text.find(',');
    fields.push_back(Trim(text.substr(0, comma)));
    if (comma == std::string_view::npos) return fields;
    text.remove_prefix(comma + 1);
  }
}

// Printable for an error message: hostile text is cut and made ASCII.
std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text.substr(0, 24)) out += (c >= 32 && c < 127) ? c : '?';
  return out + (text.size() > 24 ? "...'" : "'");
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct NamedColor {
  const char* name;
  unsigned rgb;
};
constexpr NamedColor kNamedColors[] = {
    {"black", 0x000000}, {"white", 0xFFFFFF},  {"red", 0xFF0000},    {"green", 0x008000},
    {"blue", 0x0000FF},  {"orange", 0xFFA500}, {"purple", 0x800080}, {"teal", 0x008080},
    {"gray", 0x808080},  {"grey", 0x808080},   {"yellow", 0xFFFF00},
};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

}  // namespace

Result<unsigned> ChartInstance::ParseColor(std::string_view text) {
  if (!text.empty() && text[0] == '#' && (text.size() == 4 || text.size() == 7)) {
    unsigned rgb = 0;
    for (char c : text.substr(1)) {
      const int digit = HexDigit(c);
      if (digit < 0) return Error{"bad colour " + Quote(text)};
      rgb = rgb * 16 + static_cast<unsigned>(digit);
      if (text.size() == 4) rgb = rgb * 16 + static_cast<unsigned>(digit);  // #abc = #aabbcc
    }
    return rgb;
  }
  for (const NamedColor& named : kNamedColors) {
    if (EqualsIgnoringCase(text, named.name)) return named.rgb;
  }
  return Error{"bad colour " + Quote(text)};
}

Result<ChartSpec> ChartInstance::ParseSpec(const PluginParams& params) {
  ChartSpec spec;
  const std::string* data = params.Find("data");
  if (!data) return Error{"chart: missing data param (e.g. data=\"3,5,2\")"};
  if (data->size() > kMaxParamBytes) return Error{"chart: data param too long"};
  const auto fields = SplitCommas(*data);
  if (fields.size() > kMaxBars) {
    return Error{"chart: " + std::to_string(fields.size()) + " values, at most " + std::to_string(kMaxBars)};
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string_view field = fields[i];
    double value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    // The whole field must be the number: "5x", "" and "0x10" are errors.
    if (field.empty() || error != std::errc() || end != field.data() + field.size() || !std::isfinite(value)) {
      return Error{"chart: value " + std::to_string(i + 1) + " is not a number: " + Quote(field)};
    }
    if (value < 0 || value > kMaxValue) {
      return Error{"chart: value " + std::to_string(i + 1) + " out of range 0..1e9: " + Quote(field)};
    }
    spec.values.push_back(value);
  }
  if (const std::string* colors = params.Find("colors")) {
    if (colors->size() > kMaxParamBytes) return Error{"chart: colors param too long"};
    for (std::string_view field : SplitCommas(*colors)) {
      auto rgb = ParseColor(field);
      if (!rgb) return Error{"chart: " + rgb.error()};
      if (spec.colors.size() < kMaxBars) spec.colors.push_back(*rgb);
    }
  } else {
    spec.colors.push_back(kDefaultBarRgb);
  }
  if (const std::string* title = params.Find("title")) {
    if (title->size() > kMaxTitle) return Error{"chart: title longer than 80 characters"};
    for (char c : *title) {
      if (c < 32 || c >= 127) return Error{"chart: title must be printable ASCII"};
    }
    spec.title = *title;
  }
  return spec;
}

std::unique_ptr<PluginInstance> ChartInstance::Create(const PluginParams& params) {
  return std::unique_ptr<PluginInstance>(new ChartInstance(ParseSpec(params)));
}

ChartInstance::ChartInstance(Result<ChartSpec> spec) : spec_(std::move(spec)) {}

bool ChartInstance::OnClick(int x, int) {
  if (!spec_) return false;
  // Bar geometry depends on the size, which only Paint knows: remember the
  // x and let Paint outline the bar under it (none if it fell between bars).
  clicked_x_ = x;
  return true;
}

void ChartInstance::Paint(cairo_t* cr, int width, int height) {
  if (!spec_) return PaintError(cr, width, height, spec_.error());
  const ChartSpec& spec = *spec_;
  SetSourceRgb(cr, kBackgroundRgb);
  cairo_paint(cr);

  const int top = kMargin + (spec.title.empty() ? 0 : kTitleHeight);
  const int left = kMargin, right = width - kMargin;
  const int bottom = height - kMargin - kAxisWidth;  // bars stand on this line
  if (right <= left || bottom <= top) return;        // too small to draw a chart
  if (!spec.title.empty()) {
    SetSourceRgb(cr, kTitleRgb);
    SelectPluginFont(cr, FontWeight::kBold, 14);
    cairo_move_to(cr, left, kMargin + 13);
    cairo_show_text(cr, spec.title.c_str());
  }
  SetSourceRgb(cr, kAxisRgb);
  cairo_rectangle(cr, left, bottom, right - left, kAxisWidth);
  cairo_fill(cr);

  const double max = *std::max_element(spec.values.begin(), spec.values.end());
  const double slot = static_cast<double>(right - left) / static_cast<double>(spec.values.size());
  for (size_t i = 0; i < spec.values.size(); ++i) {
    const int x0 = static_cast<int>(std::floor(left + i * slot + slot * 0.15));
    const int x1 = static_cast<int>(std::floor(left + (i + 1) * slot - slot * 0.15));
    const int bar_height = max > 0 ? static_cast<int>(std::lround(spec.values[i] / max * (bottom - top))) : 0;
    if (x1 <= x0 || bar_height <= 0) continue;
    SetSourceRgb(cr, spec.colors[i % spec.colors.size()]);
    cairo_rectangle(cr, x0, bottom - bar_height, x1 - x0, bar_height);
    cairo_fill(cr);
    // The clicked bar gets a dark outline.
    if (clicked_x_ >= x0 && clicked_x_ < x1) {
      SetSourceRgb(cr, kAxisRgb);
      cairo_set_line_width(cr, 2);
      cairo_rectangle(cr, x0 + 1, bottom - bar_height + 1, x1 - x0 - 2, bar_height - 2);
      cairo_stroke(cr);
    }
  }
}

}  // namespace sandtab::plugin
