// docs/plugins.md seen from outside: the compositor puts each plugin
// instance's own pixels at its placeholder rect; the clock animates; a click
// inside an instance goes to the plugin (the clock pauses), outside it to the
// page.
#include <thread>

#include "tests/integration/plugin_fixture.h"

namespace sandtab::integration {
namespace {

class PluginPixelsTest : public PluginShellTest {};

// Chart geometry (docs/plugins.md) for chart.html: 300x200, data 1,2,4, no
// title: plot from y=10 to the axis at y=188..189, bar i in the middle 70 %
// of slot i (slot (300-20)/3), heights round(v/4*178) = 45, 89, 178.
struct Bar {
  int x0, x1;  // [x0, x1) in instance coordinates
  int height;
};
constexpr int kAxisY = 188;
constexpr Bar kBars[3] = {{24, 89, 45}, {117, 182, 89}, {210, 276, 178}};

TEST_F(PluginPixelsTest, ScreenshotShowsEachPluginsPixelsAtItsPlaceholder) {
  StartWithPages();
  TabRef tab = Open("three.html");
  Image shot = Screenshot(tab.id);
  ASSERT_EQ(shot.width, 1280);
  ASSERT_EQ(shot.height, 800);
  EXPECT_EQ(shot.At(kBlockCentreX, kBlockCentreY), kTestPageBlock);

  // Clock: its background in the corners, the red hub at the centre, the
  // yellow face over 40 % of the box; the page right outside the box.
  {
    SCOPED_TRACE("clock");
    const Box& b = kClockBox;
    EXPECT_EQ(shot.At(b.x + 2, b.y + 2), kClockBackground) << ToString(shot.At(b.x + 2, b.y + 2));
    EXPECT_EQ(shot.At(b.x + b.w - 3, b.y + b.h - 3), kClockBackground);
    EXPECT_EQ(shot.At(b.x, b.y), kClockBackground) << "box starts late";
    EXPECT_EQ(shot.At(b.x + b.w - 1, b.y + b.h - 1), kClockBackground) << "box ends early";
    EXPECT_EQ(shot.At(b.cx(), b.cy()), kClockRed) << ToString(shot.At(b.cx(), b.cy()));
    const size_t area = static_cast<size_t>(b.w) * b.h;
    EXPECT_GT(area - CountNotNearIn(shot, b, kClockFace, 0), area * 4 / 10);
    EXPECT_NE(shot.At(b.x + 10, b.y + 10), kWhite) << "pause bars on a running clock";
    EXPECT_EQ(shot.At(b.x - 1, b.cy()), kTestPageBackground) << "box spills left";
    EXPECT_EQ(shot.At(b.cx(), b.y + b.h), kTestPageBackground) << "box spills down";
  }

  // Chart: every bar its colour on the axis, the right height, the
  // background white above the short ones.
  {
    SCOPED_TRACE("chart");
    const Box& b = kChartBox;
    EXPECT_EQ(shot.At(b.x + 5, b.y + 5), kWhite);
    EXPECT_EQ(shot.At(b.x + b.w / 2, b.y + kAxisY), kChartAxis);
    EXPECT_EQ(shot.At(b.x + 15, b.y + kAxisY + 1), kChartAxis);
    for (int i = 0; i < 3; ++i) {
      SCOPED_TRACE("bar " + std::to_string(i));
      const Bar& bar = kBars[i];
      const int mid = b.x + (bar.x0 + bar.x1) / 2;
      const int top = b.y + kAxisY - bar.height;
      EXPECT_EQ(shot.At(mid, b.y + kAxisY - 1), kBarColours[i]) << ToString(shot.At(mid, b.y + kAxisY - 1));
      EXPECT_EQ(shot.At(mid, top + 1), kBarColours[i]) << ToString(shot.At(mid, top + 1));
      EXPECT_EQ(shot.At(mid, top - 2), kWhite) << "bar too tall: " << ToString(shot.At(mid, top - 2));
      // Solid between its edges, a pixel in from each.
      EXPECT_EQ(shot.CountNotNear(b.x + bar.x0 + 1, top + 1, b.x + bar.x1 - 1, b.y + kAxisY - 1, kBarColours[i], 0),
                0u);
      EXPECT_EQ(shot.At(b.x + bar.x0 - 2, b.y + kAxisY - 5), kWhite) << "gap between bars";
    }
  }

  // PPM: a 2x2 image as four exact 50x50 squares filling the 100x100 box.
  {
    SCOPED_TRACE("ppm");
    const Box& b = kPpmBox;
    for (int q = 0; q < 4; ++q) {
      const int x0 = b.x + (q % 2) * 50, y0 = b.y + (q / 2) * 50;
      EXPECT_EQ(shot.CountNotNear(x0, y0, x0 + 50, y0 + 50, kPpmPixels[q], 0), 0u)
          << "square " << q << " at (" << x0 << "," << y0 << ") has " << ToString(shot.At(x0 + 25, y0 + 25));
    }
    EXPECT_EQ(shot.At(b.x + b.w, b.cy()), kTestPageBackground) << "ppm spills right";
    EXPECT_EQ(shot.At(b.cx(), b.y - 1), kTestPageBackground) << "ppm spills up";
  }

  // Scrolled by 200, the plugin frames follow the page and are clipped at
  // the viewport's top: the ppm box (document y 150..250) shows its lower
  // half at y 0..50, exactly.
  Ok("scroll " + std::to_string(tab.id) + " 200");
  Image scrolled = WaitForPixels(
      tab.id, [](const Image& s) { return s.At(kBlockX0 + 10, kBlockCentreY) == kTestPageBackground; }, 5s,
      "the page scrolled by 200");
  {
    SCOPED_TRACE("scrolled by 200");
    const Box& b = kPpmBox;
    EXPECT_EQ(scrolled.CountNotNear(b.x, 0, b.x + 50, 50, kPpmPixels[2], 0), 0u) << ToString(scrolled.At(b.x + 25, 25));
    EXPECT_EQ(scrolled.CountNotNear(b.x + 50, 0, b.x + 100, 50, kPpmPixels[3], 0), 0u)
        << ToString(scrolled.At(b.x + 75, 25));
    EXPECT_EQ(scrolled.At(b.cx(), 50), kTestPageBackground) << "ppm did not move with the page";
    // The clock (document y 150..350) now at -50..150: hub and lower corner.
    EXPECT_EQ(scrolled.At(kClockBox.cx(), kClockBox.cy() - 200), kClockRed);
    EXPECT_EQ(scrolled.At(kClockBox.x + kClockBox.w - 3, kClockBox.y + kClockBox.h - 3 - 200), kClockBackground);
    EXPECT_EQ(scrolled.At(kClockBox.cx(), kClockBox.y + kClockBox.h - 200), kTestPageBackground);
    EXPECT_EQ(scrolled.At(kChartBox.x + kChartBox.w / 2, kChartBox.y + kAxisY - 200), kChartAxis);
  }
}

// The demo page, with its own CSS: each plugin's colours in the column of its
// slot (the embed sits under a caption of font-dependent height, so search
// that column rather than assume a row).
TEST_F(PluginPixelsTest, DemoPageShowsClockChartAndPpmInTheirSlots) {
  StartShell();
  TabRef tab = Open("plugins.html");
  ASSERT_EQ(Plugins().size(), 3u) << ToJsonText(Ok("plugins"));
  Image shot = Screenshot(tab.id);
  auto count = [&](int x0, int y0, int x1, int y1, const Rgba& colour) {
    return static_cast<size_t>(x1 - x0) * (y1 - y0) - shot.CountNotNear(x0, y0, x1, y1, colour, 0);
  };
  // Clock 200x200 at x=20, below y=150: its dark blue and yellow.
  EXPECT_GT(count(20, 150, 220, 400, kClockFace), 200u * 200 * 4 / 10);
  EXPECT_GT(count(20, 150, 220, 400, kClockBackground), 1000u);
  // Chart 300x200 at x=260: the #333333 axis (2 px x 280 px) and both bar colours.
  EXPECT_GE(count(260, 150, 560, 400, kChartAxis), 2u * 280);
  EXPECT_GT(count(260, 150, 560, 400, {0xFF, 0x6F, 0x00, 255}), 1000u);
  EXPECT_GT(count(260, 150, 560, 400, {0x1E, 0x88, 0xE5, 255}), 1000u);
  // PPM 4x4 at x=600: 16 exact 50x50 squares, e.g. red and magenta ones.
  EXPECT_GE(count(600, 150, 800, 400, {255, 0, 0, 255}), 2u * 50 * 50);
  EXPECT_GE(count(600, 150, 800, 400, {255, 0, 255, 255}), 2u * 50 * 50);
  EXPECT_GE(count(600, 150, 800, 400, {0, 0, 255, 255}), 3u * 50 * 50);
}

TEST_F(PluginPixelsTest, AnimatedClockChangesBetweenScreenshotsAndNothingElseDoes) {
  StartWithPages();
  TabRef tab = Open("three.html");
  Image first = Screenshot(tab.id);
  const long frames_before = Plugin("clock")->get<long>("frames");
  // The red dot orbits once every 2 s at ~30 fps: 200 ms later it has moved.
  std::this_thread::sleep_for(200ms);
  Image second = WaitForPixels(
      tab.id, [&](const Image& shot) { return CountDifferentIn(first, shot, kClockBox) > 50; }, 3s, "the clock moving");
  EXPECT_EQ(ClockProblem(second, kClockBox), "");
  EXPECT_GT(Plugin("clock")->get<long>("frames"), frames_before);
  // The chart and the ppm paint once; the page does not change.
  EXPECT_EQ(CountDifferentIn(first, second, kChartBox), 0u);
  EXPECT_EQ(CountDifferentIn(first, second, kPpmBox), 0u);
  EXPECT_EQ(CountDifferentOutside(first, second, kClockBox), 0u);
}

TEST_F(PluginPixelsTest, ClickInsideTheClockPausesItAndClickOutsideGoesToThePage) {
  StartWithPages();
  TabRef tab = Open("clock.html");
  const std::string id = std::to_string(tab.id);
  const Box& b = kClockBox;
  ASSERT_NE(Screenshot(tab.id).At(b.x + 10, b.y + 10), kWhite);

  // Inside the box: the plugin gets it, the pause bars show, frames stop.
  Ok("click " + id + " " + std::to_string(b.x + 30) + " " + std::to_string(b.y + 120));
  Image paused = WaitForPixels(
      tab.id, [&](const Image& shot) { return shot.At(b.x + 10, b.y + 10) == kWhite; }, 3s, "the clock's pause bars");
  EXPECT_EQ(paused.At(b.x + 20, b.y + 20), kWhite) << "second pause bar";
  EXPECT_EQ(Tab(tab.id).get<std::string>("title"), "it: clock") << "the click reached the page";
  std::this_thread::sleep_for(100ms);  // a frame in flight at the click lands
  Image paused_a = Screenshot(tab.id);
  const long frames_paused = Plugin("clock")->get<long>("frames");
  std::this_thread::sleep_for(300ms);  // ~9 frames if it were running
  Image paused_b = Screenshot(tab.id);
  EXPECT_EQ(paused_a.CountDifferent(paused_b), 0u) << "a paused clock still changes";
  EXPECT_EQ(Plugin("clock")->get<long>("frames"), frames_paused) << "a paused clock still sends frames";

  // Click again: running, the bars gone, moving again.
  Ok("click " + id + " " + std::to_string(b.x + 30) + " " + std::to_string(b.y + 120));
  Image resumed = WaitForPixels(
      tab.id,
      [&](const Image& shot) {
        return shot.At(b.x + 10, b.y + 10) != kWhite && CountDifferentIn(paused_b, shot, b) > 50;
      },
      3s, "the clock running again");
  EXPECT_EQ(ClockProblem(resumed, b), "");

  // Outside every plugin: the page's link navigates the tab.
  Ok("click " + id + " " + std::to_string(kLinkBox.cx()) + " " + std::to_string(kLinkBox.cy()));
  Json moved = WaitForTab(
      tab.id, [](const Json& t) { return t.get<std::string>("title", "") == "it: chart"; }, 5s,
      "the link below the clock followed");
  EXPECT_EQ(moved.get<pid_t>("pid"), tab.pid);
}

}  // namespace
}  // namespace sandtab::integration
