#include "browser/compositor/compositor.h"

#include <cairo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "browser/common/cairo_drawing.h"
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

// Plugin frames go in over the renderer's placeholder boxes. Pixels come
// straight from each instance's front buffer (read-only mapping).
void CompositePlugins(std::span<const PluginInstance* const> instances, int scroll_y, Image& image) {
  auto surface = WrapImage(image);
  ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
  cairo_rectangle(cr.get(), 0, 0, image.width, image.height);
  cairo_clip(cr.get());
  for (const PluginInstance* instance : instances) {
    const double x = instance->rect.x(), y = instance->rect.y() - static_cast<double>(scroll_y);
    const double w = instance->rect.width(), h = instance->rect.height();
    if (y + h <= 0 || y >= image.height || x + w <= 0 || x >= image.width) continue;
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
    SurfacePtr frame(cairo_image_surface_create_for_data(const_cast<uint8_t*>(sink.pixels()), CAIRO_FORMAT_ARGB32,
                                                         sink.width(), sink.height(), sink.stride()),
                     &cairo_surface_destroy);
    cairo_save(cr.get());
    cairo_rectangle(cr.get(), x, y, w, h);
    cairo_clip(cr.get());
    cairo_set_source_surface(cr.get(), frame.get(), x, y);
    cairo_paint(cr.get());
    cairo_restore(cr.get());
  }
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
    // Painted rows are copied in stretches between the solid runs (sorted,
    // disjoint: FrameSink checked), solid runs filled with their colour.
    auto copy_rows = [&](int from, int to) {
      if (from >= to) return;
      if (static_cast<size_t>(page.stride) == row_bytes) {
        std::memcpy(out.pixels.data() + from * row_bytes, page.pixels + static_cast<size_t>(from) * row_bytes,
                    static_cast<size_t>(to - from) * row_bytes);
        return;
      }
      for (int row = from; row < to; ++row) {
        std::memcpy(out.pixels.data() + row * row_bytes, page.pixels + static_cast<size_t>(row) * page.stride,
                    row_bytes);
      }
    };
    int row = 0;
    for (const SolidRows& run : page.solid_rows) {
      const int first = std::clamp(run.first_row, row, page.height);
      const int end = std::clamp(run.first_row + run.row_count, first, page.height);
      copy_rows(row, first);
      if (first < end) {
        uint8_t* fill = out.pixels.data() + first * row_bytes;
        for (int x = 0; x < page.width; ++x) std::memcpy(fill + 4 * x, &run.argb, 4);
        for (int r = first + 1; r < end; ++r) std::memcpy(out.pixels.data() + r * row_bytes, fill, row_bytes);
      }
      row = end;
    }
    copy_rows(row, page.height);
  }
  if (!instances.empty() && !out.pixels.empty()) CompositePlugins(instances, scroll_y, out);
}

Image Compositor::ComposeTab(const Tab& tab, const PluginBroker* plugins) {
  // A fresh image: a screenshot is kept (written as a PNG).
  Image image;
  ComposeTab(tab, plugins, image);
  return image;
}

void Compositor::ComposeTab(const Tab& tab, const PluginBroker* plugins, Image& image) {
  const FrameSink& sink = tab.sink();
  const bool sad = ShowsSadTab(tab);
  std::vector<PluginInstance*> instances;
  if (plugins && !sad) instances = plugins->InstancesOfTab(tab.id());
  ComposePage({sink.pixels(), sink.width(), sink.height(), sink.stride(), sink.solid_rows()}, tab.scroll_y(), instances,
              image);
  if (!sad) return;

  auto surface = WrapImage(image);
  ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
  cairo_set_source_rgba(cr.get(), 0.1, 0.1, 0.12, 0.7);  // the last frame, dimmed
  cairo_paint(cr.get());
  const double box_w = std::min(640.0, image.width - 40.0), box_h = 170;
  const double box_x = (image.width - box_w) / 2, box_y = std::max(20.0, (image.height - box_h) / 2);
  cairo_set_source_rgb(cr.get(), 0.98, 0.98, 0.98);
  cairo_rectangle(cr.get(), box_x, box_y, box_w, box_h);
  cairo_fill(cr.get());
  cairo_set_source_rgb(cr.get(), 0.7, 0.15, 0.12);
  DrawText(cr.get(), "Aw, snap! This tab's renderer died.", "DejaVu Sans Bold 18", box_x + 20, box_y + 16, box_w - 40);
  cairo_set_source_rgb(cr.get(), 0.15, 0.15, 0.15);
  std::string cause = tab.last_death() ? DescribeDeath(*tab.last_death()) : "unknown";
  DrawText(cr.get(), "Cause: " + cause + "\n" + tab.restart_decision(), "DejaVu Sans 12", box_x + 20, box_y + 60,
           box_w - 40);
  cairo_surface_flush(surface.get());
}

}  // namespace sandtab::browser
