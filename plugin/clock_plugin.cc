#include "plugin/clock_plugin.h"

#include <time.h>

#include <algorithm>
#include <cmath>

#include "plugin/plugin_fonts.h"

namespace sandtab::plugin {
namespace {

int64_t RealtimeMicros() {
  timespec now;
  clock_gettime(CLOCK_REALTIME, &now);  // the vDSO: no syscall, allowed anyway
  return int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
}

// Angle of a hand, in radians clockwise from 12 o'clock.
double HandAngle(double fraction) { return fraction * 2 * M_PI; }

void DrawHand(cairo_t* cr, double cx, double cy, double angle, double length, double width) {
  cairo_set_line_width(cr, width);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to(cr, cx, cy);
  cairo_line_to(cr, cx + length * std::sin(angle), cy - length * std::cos(angle));
  cairo_stroke(cr);
}

}  // namespace

std::unique_ptr<PluginInstance> ClockInstance::Create(const PluginParams&) {
  return std::unique_ptr<PluginInstance>(new ClockInstance());
}

ClockInstance::ClockInstance() : wall_us_(RealtimeMicros()) {}

void ClockInstance::Tick(int64_t) {
  if (!paused_) wall_us_ = RealtimeMicros();
}

bool ClockInstance::OnClick(int, int) {
  paused_ = !paused_;
  if (!paused_) wall_us_ = RealtimeMicros();
  return true;  // show (or hide) the pause bars at once
}

void ClockInstance::Paint(cairo_t* cr, int width, int height) {
  SetSourceRgb(cr, kBackgroundRgb);
  cairo_paint(cr);

  const double cx = width / 2.0, cy = height / 2.0;
  const double half = std::min(width, height) / 2.0;
  const double radius = half * 0.84;

  SetSourceRgb(cr, kFaceRgb);
  cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_fill(cr);

  // Twelve hour ticks.
  SetSourceRgb(cr, kHandRgb);
  cairo_set_line_width(cr, std::max(1.0, radius * 0.04));
  for (int hour = 0; hour < 12; ++hour) {
    const double angle = HandAngle(hour / 12.0);
    cairo_move_to(cr, cx + radius * 0.85 * std::sin(angle), cy - radius * 0.85 * std::cos(angle));
    cairo_line_to(cr, cx + radius * 0.97 * std::sin(angle), cy - radius * 0.97 * std::cos(angle));
  }
  cairo_stroke(cr);

  const int64_t day_us = wall_us_ % (int64_t{86'400} * 1'000'000);
  const double seconds = (day_us % 60'000'000) / 1e6;  // smooth sweep
  const double minutes = (day_us % 3'600'000'000) / 60e6;
  const double hours = (day_us % (int64_t{43'200} * 1'000'000)) / 3600e6;
  DrawHand(cr, cx, cy, HandAngle(hours / 12.0), radius * 0.5, std::max(2.0, radius * 0.08));
  DrawHand(cr, cx, cy, HandAngle(minutes / 60.0), radius * 0.75, std::max(1.5, radius * 0.05));
  SetSourceRgb(cr, kAccentRgb);
  DrawHand(cr, cx, cy, HandAngle(seconds / 60.0), radius * 0.85, std::max(1.0, radius * 0.02));
  cairo_arc(cr, cx, cy, std::max(2.0, radius * 0.06), 0, 2 * M_PI);
  cairo_fill(cr);

  // The orbiting dot, in the blue ring around the face: it moves several
  // pixels per frame at 30 fps, so consecutive frames always differ.
  const double orbit = HandAngle(static_cast<double>(wall_us_ % kOrbitPeriodUs) / kOrbitPeriodUs);
  const double orbit_radius = (radius + half) / 2;
  cairo_arc(cr, cx + orbit_radius * std::sin(orbit), cy - orbit_radius * std::cos(orbit),
            std::max(2.0, (half - radius) * 0.4), 0, 2 * M_PI);
  cairo_fill(cr);

  if (paused_) {
    SetSourceRgb(cr, kPauseRgb);
    for (int x : kPauseBarX) cairo_rectangle(cr, x, kPauseBarY, kPauseBarWidth, kPauseBarHeight);
    cairo_fill(cr);
  }
}

}  // namespace sandtab::plugin
