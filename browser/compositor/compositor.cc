#include "browser/compositor/compositor.h"

#include <cairo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "browser/common/cairo_drawing.h"
#include "browser/compositor/sad_tab_panel.h"
#include "browser/process/death_classifier.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/tab/tab.h"

namespace sandtab::browser {
namespace {

bool ShowsSadTab(const Tab& tab) { return tab.state() == TabState::kCrashed || tab.state() == TabState::kCrashLoop; }

void DrawPlaceholder(cairo_t* cr, double x, double y, double w, double h, const std::string& text, double r, double g,
                     double b) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, r, g, b);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  DrawText(cr, text, "DejaVu Sans Bold 10", x + 6, y + 6, std::max(10.0, w - 12));
  cairo_restore(cr);
}

// A Cairo surface over a target's pixels (no copy).
CairoSurfacePtr WrapTarget(const PixelTarget& target) {
  return CairoSurfacePtr(cairo_image_surface_create_for_data(target.pixels, CAIRO_FORMAT_ARGB32, target.width,
                                                             target.height, target.stride));
}

PixelTarget TargetOf(Image& image) { return {image.pixels.data(), image.width, image.height, image.width * 4}; }

// Plugin frames go in over the renderer's placeholder boxes. Pixels come
// straight from each instance's front buffer (read-only mapping).
void CompositePlugins(std::span<const PluginInstance* const> instances, int scroll_y, const PixelTarget& target) {
  auto surface = WrapTarget(target);
  CairoPtr cr(cairo_create(surface.get()));
  cairo_rectangle(cr.get(), 0, 0, target.width, target.height);
  cairo_clip(cr.get());
  for (const PluginInstance* instance : instances) {
    const double x = instance->rect.x(), y = instance->rect.y() - static_cast<double>(scroll_y);
    const double w = instance->rect.width(), h = instance->rect.height();
    if (y + h <= 0 || y >= target.height || x + w <= 0 || x >= target.width) continue;
    switch (instance->state) {
      case PluginInstanceState::kMissing:
        DrawPlaceholder(cr.get(), x, y, w, h, "Missing plugin: " + instance->type, 0.45, 0.45, 0.5);
        continue;
      case PluginInstanceState::kCrashed:
        DrawPlaceholder(cr.get(), x, y, w, h, "Plugin crashed: " + instance->type + "\n" + instance->crash_reason, 0.55,
                        0.12, 0.12);
        continue;
      case PluginInstanceState::kBlocked:
        DrawPlaceholder(cr.get(), x, y, w, h, "Plugin blocked: " + instance->type + "\n" + instance->crash_reason, 0.4,
                        0.3, 0.1);
        continue;
      default:
        break;
    }
    if (!instance->sink || !instance->sink->has_frame()) continue;
    const FrameSink& sink = *instance->sink;
    CairoSurfacePtr frame(cairo_image_surface_create_for_data(const_cast<uint8_t*>(sink.pixels()), CAIRO_FORMAT_ARGB32,
                                                              sink.width(), sink.height(), sink.stride()));
    cairo_save(cr.get());
    cairo_rectangle(cr.get(), x, y, w, h);
    cairo_clip(cr.get());
    cairo_set_source_surface(cr.get(), frame.get(), x, y);
    cairo_paint(cr.get());
    cairo_restore(cr.get());
  }
  cairo_surface_flush(surface.get());
}

void FillPixels(uint8_t* row, int count, uint32_t argb) {
  for (int x = 0; x < count; ++x) std::memcpy(row + 4 * x, &argb, 4);
}

// The page's rows into the target, clipped to both: painted rows copied,
// solid runs (sorted, disjoint: FrameSink checked) filled with their colour,
// whatever the page does not cover white.
void CopyPage(const PixelView& page, const PixelTarget& target) {
  constexpr uint32_t kWhite = 0xffffffff;
  const int width = page.pixels ? std::min(page.width, target.width) : 0;
  const int height = page.pixels ? std::min(page.height, target.height) : 0;
  const size_t row_bytes = static_cast<size_t>(width) * 4;
  auto row_of = [&](int row) { return target.pixels + static_cast<size_t>(row) * target.stride; };
  auto copy_rows = [&](int from, int to) {
    for (int row = from; row < to; ++row) {
      std::memcpy(row_of(row), page.pixels + static_cast<size_t>(row) * page.stride, row_bytes);
    }
  };
  int row = 0;
  for (const SolidRows& run : page.solid_rows) {
    const int first = std::clamp(run.first_row, row, height);
    const int end = std::clamp(run.first_row + run.row_count, first, height);
    copy_rows(row, first);
    if (first < end) {
      FillPixels(row_of(first), width, run.argb);
      for (int r = first + 1; r < end; ++r) std::memcpy(row_of(r), row_of(first), row_bytes);
    }
    row = end;
  }
  copy_rows(row, height);
  for (int r = 0; r < height && width < target.width; ++r)
    FillPixels(row_of(r) + row_bytes, target.width - width, kWhite);
  for (int r = height; r < target.height; ++r) FillPixels(row_of(r), target.width, kWhite);
}

bool ShowsPlugins(const Tab& tab, const PluginBroker* plugins) { return plugins && !ShowsSadTab(tab); }

void DrawSadTab(const Tab& tab, const PixelTarget& target, bool reload_button) {
  auto surface = WrapTarget(target);
  CairoPtr cr(cairo_create(surface.get()));
  const std::string cause = tab.last_death() ? DescribeDeath(*tab.last_death()) : "unknown";
  SadTabPanel::Draw(cr.get(), target.width, target.height, cause, tab.restart_decision(), reload_button);
  cairo_surface_flush(surface.get());
}

}  // namespace

void Compositor::ComposePage(const PixelView& page, int scroll_y, std::span<const PluginInstance* const> instances,
                             Image& out) {
  const size_t row_bytes = static_cast<size_t>(page.width) * 4;
  const size_t bytes = row_bytes * static_cast<size_t>(page.height);
  out.width = page.width;
  out.height = page.height;
  // One pass over the destination: into the pixels already there when they
  // are large enough (no allocation, no page faults), else into fresh ones
  // filled as they are allocated (resize() would first zero all 8 MB).
  if (!page.pixels) {
    out.pixels.assign(bytes, 0xff);  // nothing painted yet: white
  } else if (static_cast<size_t>(page.stride) == row_bytes && page.solid_rows.empty()) {
    out.pixels.assign(page.pixels, page.pixels + bytes);
  } else {
    out.pixels.resize(bytes);
    CopyPage(page, TargetOf(out));
  }
  if (!instances.empty() && !out.pixels.empty()) CompositePlugins(instances, scroll_y, TargetOf(out));
}

void Compositor::ComposePageInto(const PixelView& page, int scroll_y, std::span<const PluginInstance* const> instances,
                                 const PixelTarget& target) {
  if (!target.pixels || target.width <= 0 || target.height <= 0) return;
  CopyPage(page, target);
  if (!instances.empty()) CompositePlugins(instances, scroll_y, target);
}

Image Compositor::ComposeTab(const Tab& tab, const PluginBroker* plugins) {
  // A fresh image: a screenshot is kept (written as a PNG).
  Image image;
  ComposeTab(tab, plugins, image);
  return image;
}

void Compositor::ComposeTab(const Tab& tab, const PluginBroker* plugins, Image& image) {
  const FrameSink& sink = tab.sink();
  std::vector<PluginInstance*> instances;
  if (ShowsPlugins(tab, plugins)) instances = plugins->InstancesOfTab(tab.id());
  ComposePage(sink.Picture(), tab.scroll_y(), instances, image);
  if (ShowsSadTab(tab)) DrawSadTab(tab, TargetOf(image), false);
}

PixelRows Compositor::TabRows(const Tab& tab, const PluginBroker* plugins, Image& scratch) {
  const FrameSink& sink = tab.sink();
  const bool covered = ShowsSadTab(tab) || (ShowsPlugins(tab, plugins) && !plugins->InstancesOfTab(tab.id()).empty());
  const PixelView picture = sink.Picture();
  if (covered || !picture.pixels) {
    ComposeTab(tab, plugins, scratch);
    return RowsOf(scratch);
  }
  return PageRows(picture);
}

PixelRows Compositor::PageRows(const PixelView& page) {
  // A solid run's rows are not in the buffer: one row of its colour, made
  // now, stands for each of them. Made now rather than on demand because
  // an encoder reads rows from several threads at once.
  using ColourRow = std::pair<uint32_t, std::vector<uint8_t>>;
  auto colour_rows = std::make_shared<std::vector<ColourRow>>();
  for (const SolidRows& run : page.solid_rows) {
    auto same = [&run](const ColourRow& made) { return made.first == run.argb; };
    if (std::find_if(colour_rows->begin(), colour_rows->end(), same) != colour_rows->end()) continue;
    colour_rows->emplace_back(run.argb, std::vector<uint8_t>(static_cast<size_t>(page.width) * 4));
    FillPixels(colour_rows->back().second.data(), page.width, run.argb);
  }
  return {page.width, page.height, [page, colour_rows](int y) -> const uint8_t* {
            for (const SolidRows& run : page.solid_rows) {
              if (y < run.first_row || y >= run.first_row + run.row_count) continue;
              for (const ColourRow& made : *colour_rows) {
                if (made.first == run.argb) return made.second.data();
              }
            }
            return page.pixels + static_cast<size_t>(y) * page.stride;
          }};
}

void Compositor::ComposeTabInto(const Tab& tab, const PluginBroker* plugins, const PixelTarget& target,
                                bool reload_button) {
  const FrameSink& sink = tab.sink();
  std::vector<PluginInstance*> instances;
  if (ShowsPlugins(tab, plugins)) instances = plugins->InstancesOfTab(tab.id());
  ComposePageInto(sink.Picture(), tab.scroll_y(), instances, target);
  if (ShowsSadTab(tab)) DrawSadTab(tab, target, reload_button);
}

}  // namespace sandtab::browser
