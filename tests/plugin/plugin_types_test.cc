// Each plugin type painting into an in-memory Cairo surface: the colours the
// browser's screenshot tests look for, at known places.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "plugin/chart_plugin.h"
#include "plugin/clock_plugin.h"
#include "plugin/plugin_fonts.h"
#include "plugin/plugin_registry.h"
#include "tests/plugin/pixels.h"

namespace sandtab::plugin {
namespace {

using test::Canvas;

constexpr int64_t kNoon = int64_t{1'700'000'000} * 1'000'000;  // any fixed instant

std::unique_ptr<ClockInstance> MakeClock() {
  auto instance = ClockInstance::Create(PluginParams());
  return std::unique_ptr<ClockInstance>(static_cast<ClockInstance*>(instance.release()));
}

TEST(Registry, KnowsTheThreeTypes) {
  EXPECT_NE(FindPluginType("clock"), nullptr);
  EXPECT_NE(FindPluginType("chart"), nullptr);
  EXPECT_NE(FindPluginType("ppm"), nullptr);
  EXPECT_EQ(FindPluginType("flash"), nullptr);
  EXPECT_EQ(FindPluginType(""), nullptr);
  EXPECT_EQ(KnownPluginTypeNames(), "clock, chart, ppm");
}

TEST(Clock, PaintsItsColoursOpaque) {
  auto clock = MakeClock();
  clock->SetTimeForTesting(kNoon);
  Canvas canvas(200, 160);
  canvas.Paint(*clock);
  EXPECT_EQ(canvas.Rgb(2, 2), ClockInstance::kBackgroundRgb);
  EXPECT_EQ(canvas.Rgb(197, 157), ClockInstance::kBackgroundRgb);
  EXPECT_EQ(canvas.Rgb(100, 80), ClockInstance::kAccentRgb);  // the hub
  // The face: pi * (0.84 * 80)^2 ~ 14200 px, less the hands and ticks.
  EXPECT_GT(canvas.Count(ClockInstance::kFaceRgb), 10000);
  EXPECT_GT(canvas.Count(ClockInstance::kHandRgb), 100);
  for (int y = 0; y < canvas.height(); y += 7)
    for (int x = 0; x < canvas.width(); x += 7) ASSERT_EQ(canvas.Alpha(x, y), 255u) << x << "," << y;
}

TEST(Clock, FramesDifferAsTimePassesAndRepeatWhenItDoesNot) {
  auto clock = MakeClock();
  Canvas a(160, 120), b(160, 120), c(160, 120);
  clock->SetTimeForTesting(kNoon);
  a.Paint(*clock);
  c.Paint(*clock);
  clock->SetTimeForTesting(kNoon + 33'333);  // one frame later
  b.Paint(*clock);
  EXPECT_TRUE(std::equal(a.bytes().begin(), a.bytes().end(), c.bytes().begin()));
  EXPECT_FALSE(std::equal(a.bytes().begin(), a.bytes().end(), b.bytes().begin()));
}

TEST(Clock, ClickTogglesPauseAndShowsTheBars) {
  auto clock = MakeClock();
  EXPECT_TRUE(clock->Animated());
  Canvas canvas(160, 120);
  canvas.Paint(*clock);
  EXPECT_EQ(canvas.Rgb(10, 10), ClockInstance::kBackgroundRgb);

  EXPECT_TRUE(clock->OnClick(80, 60));
  EXPECT_TRUE(clock->paused());
  EXPECT_FALSE(clock->Animated());
  // Paused: Tick no longer moves the time.
  clock->SetTimeForTesting(kNoon);
  clock->Tick(0);
  Canvas paused(160, 120), paused_later(160, 120);
  paused.Paint(*clock);
  clock->Tick(1'000'000);
  paused_later.Paint(*clock);
  EXPECT_EQ(paused.Rgb(10, 10), ClockInstance::kPauseRgb);
  EXPECT_EQ(paused.Rgb(20, 27), ClockInstance::kPauseRgb);
  EXPECT_EQ(paused.Rgb(16, 10), ClockInstance::kBackgroundRgb);  // between the bars
  EXPECT_TRUE(std::equal(paused.bytes().begin(), paused.bytes().end(), paused_later.bytes().begin()));

  EXPECT_TRUE(clock->OnClick(0, 0));
  EXPECT_TRUE(clock->Animated());
  canvas.Paint(*clock);
  EXPECT_EQ(canvas.Rgb(10, 10), ClockInstance::kBackgroundRgb);
}

TEST(Clock, SurvivesDegenerateSizes) {
  auto clock = MakeClock();
  for (auto [w, h] : {std::pair{1, 1}, {2, 500}, {500, 3}, {4096, 1}}) {
    Canvas canvas(w, h);
    canvas.Paint(*clock);
  }
}

// Height of the run of `rgb` pixels in column x, counted up from `bottom`.
int ColumnHeight(const Canvas& canvas, int x, int bottom, unsigned rgb) {
  int height = 0;
  for (int y = bottom - 1; y >= 0 && canvas.Rgb(x, y) == rgb; --y) ++height;
  return height;
}

TEST(Chart, BarHeightsFollowTheData) {
  PluginParams params;
  params.Add("data", "1, 2,4,0.5");
  auto chart = ChartInstance::Create(params);
  Canvas canvas(220, 120);
  canvas.Paint(*chart);
  const int left = ChartInstance::kMargin, right = 220 - ChartInstance::kMargin;
  const int bottom = 120 - ChartInstance::kMargin - ChartInstance::kAxisWidth;
  const int plot_height = bottom - ChartInstance::kMargin;
  const double slot = (right - left) / 4.0;
  const double values[] = {1, 2, 4, 0.5};
  for (int i = 0; i < 4; ++i) {
    const int x = static_cast<int>(left + (i + 0.5) * slot);
    EXPECT_EQ(ColumnHeight(canvas, x, bottom, ChartInstance::kDefaultBarRgb), std::lround(values[i] / 4 * plot_height))
        << "bar " << i;
  }
  EXPECT_EQ(canvas.Rgb(left + 1, bottom), ChartInstance::kAxisRgb);
  EXPECT_EQ(canvas.Rgb(1, 1), ChartInstance::kBackgroundRgb);
  // Between bars: background.
  EXPECT_EQ(canvas.Rgb(left + static_cast<int>(slot), bottom - 2), ChartInstance::kBackgroundRgb);
}

TEST(Chart, ColorsCycleAndTitleMovesThePlotDown) {
  PluginParams params;
  params.Add("data", "5,5,5");
  params.Add("colors", "red, #00f");
  params.Add("title", "Sales");
  auto chart = ChartInstance::Create(params);
  Canvas canvas(190, 140);
  canvas.Paint(*chart);
  const int bottom = 140 - ChartInstance::kMargin - ChartInstance::kAxisWidth;
  const int top = ChartInstance::kMargin + ChartInstance::kTitleHeight;
  const double slot = (190 - 2 * ChartInstance::kMargin) / 3.0;
  const unsigned expected[] = {0xFF0000, 0x0000FF, 0xFF0000};
  for (int i = 0; i < 3; ++i) {
    const int x = static_cast<int>(ChartInstance::kMargin + (i + 0.5) * slot);
    EXPECT_EQ(canvas.Rgb(x, bottom - 1), expected[i]) << i;
    EXPECT_EQ(canvas.Rgb(x, top), expected[i]) << i;  // the tallest bars reach the top
    EXPECT_EQ(canvas.Rgb(x, top - 1), ChartInstance::kBackgroundRgb) << i;
  }
  // The title was drawn: dark glyph pixels in the title band.
  int ink = 0;
  for (int y = 0; y < top; ++y)
    for (int x = 0; x < 190; ++x) ink += canvas.Rgb(x, y) != ChartInstance::kBackgroundRgb;
  EXPECT_GT(ink, 40);
}

TEST(Chart, ClickOutlinesTheBarUnderIt) {
  PluginParams params;
  params.Add("data", "2,2");
  auto chart = ChartInstance::Create(params);
  Canvas before(120, 100), after(120, 100);
  before.Paint(*chart);
  EXPECT_TRUE(chart->OnClick(35, 80));  // in the first bar
  after.Paint(*chart);
  EXPECT_EQ(before.Rgb(28, 50), ChartInstance::kDefaultBarRgb);
  EXPECT_LT(after.Count(ChartInstance::kDefaultBarRgb), before.Count(ChartInstance::kDefaultBarRgb));
  EXPECT_GT(after.Count(ChartInstance::kAxisRgb), before.Count(ChartInstance::kAxisRgb));
}

TEST(Chart, MalformedParamsPaintAnErrorInsteadOfCrashing) {
  const std::vector<std::vector<std::pair<std::string, std::string>>> cases = {
      {},
      {{"data", ""}},
      {{"data", "3,x,2"}},
      {{"data", "1,,2"}},
      {{"data", "5x"}},
      {{"data", "nan"}},
      {{"data", "inf"}},
      {{"data", "-1"}},
      {{"data", "1e10"}},
      {{"data", "0x10"}},
      {{"data", "+3"}},
      {{"data", std::string(5000, '1')}},
      {{"data", std::string(65 * 2 - 1, ',')}},
      {{"data", "1,2"}, {"colors", "#12"}},
      {{"data", "1,2"}, {"colors", "#gggggg"}},
      {{"data", "1,2"}, {"colors", "chartreuse"}},
      {{"data", "1,2"}, {"title", "two\nlines"}},
      {{"data", "1,2"}, {"title", std::string(81, 't')}},
      {{"data", "\xff\xfe"}},
  };
  for (const auto& entries : cases) {
    PluginParams params(entries);
    auto spec = ChartInstance::ParseSpec(params);
    EXPECT_FALSE(spec.ok()) << (entries.empty() ? "(none)" : entries[0].second);
    auto chart = ChartInstance::Create(params);
    Canvas canvas(150, 80);
    canvas.Paint(*chart);
    EXPECT_EQ(canvas.Rgb(0, 0), kErrorRgb);
    EXPECT_EQ(canvas.Rgb(149, 79), kErrorRgb);
    EXPECT_EQ(canvas.Rgb(6, 75), kErrorFillRgb);
    EXPECT_FALSE(chart->OnClick(10, 10));
  }
}

TEST(Chart, EdgeCasesThatAreValid) {
  for (const char* data : {"0", "0,0,0", "1e9", "7", "0.001,1000000"}) {
    PluginParams params;
    params.Add("data", data);
    EXPECT_TRUE(ChartInstance::ParseSpec(params).ok()) << data;
    auto chart = ChartInstance::Create(params);
    Canvas tiny(5, 5), normal(100, 60);
    tiny.Paint(*chart);
    normal.Paint(*chart);
    EXPECT_EQ(normal.Rgb(0, 0), ChartInstance::kBackgroundRgb) << data;
  }
  EXPECT_EQ(*ChartInstance::ParseColor("#abc"), 0xAABBCCu);
  EXPECT_EQ(*ChartInstance::ParseColor("#A1b2C3"), 0xA1B2C3u);
  EXPECT_EQ(*ChartInstance::ParseColor("Teal"), 0x008080u);
}

}  // namespace
}  // namespace sandtab::plugin

namespace sandtab::plugin {
namespace {

// Not a timing assertion (those live in bench/): prints what one frame of
// each type costs to paint at 300x200, for docs/plugins.md.
TEST(PaintCost, Report) {
  PreloadPluginFonts();
  const std::pair<const char*, std::vector<std::pair<std::string, std::string>>> cases[] = {
      {"clock", {}},
      {"chart", {{"data", "3,5,2,8,6,1"}, {"title", "Widgets"}}},
      {"ppm", {{"data", "P3 2 2 255 255 0 0 0 255 0 0 0 255 255 255 255"}}},
  };
  for (const auto& [name, entries] : cases) {
    auto instance = FindPluginType(name)->create(PluginParams(entries));
    test::Canvas canvas(300, 200);
    for (int i = 0; i < 20; ++i) canvas.Paint(*instance);
    constexpr int kFrames = 300;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kFrames; ++i) {
      instance->Tick(i);
      canvas.Paint(*instance);
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    std::printf("[ measured ] %s 300x200: %.1f us per frame\n", name, us / kFrames);
  }
}

}  // namespace
}  // namespace sandtab::plugin
