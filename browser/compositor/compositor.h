#ifndef SANDTAB_BROWSER_COMPOSITOR_COMPOSITOR_H_
#define SANDTAB_BROWSER_COMPOSITOR_COMPOSITOR_H_

#include <cstdint>
#include <span>
#include <vector>

#include "browser/process/frame_sink.h"
#include "browser/common/png_writer.h"

namespace sandtab::browser {

class Tab;
class PluginBroker;
struct PluginInstance;

// The compositor reads PixelViews (browser/process/frame_sink.h): a front
// buffer's mapping, or a decoded saved frame.

// Pixels the compositor writes: a browser Image, or a rectangle of a
// window's own surface (the window's page area), `stride` bytes per row.
struct PixelTarget {
  uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;
};

// Turns tabs into pictures: a tab's front buffer as it is, or its last good
// frame dimmed under a sad-tab overlay naming the cause. (Every tab at once:
// contact_sheet.h.)
class Compositor {
 public:
  // The tab with its plugin instances composited at their placeholders,
  // clipped to the viewport and following scroll.
  static Image ComposeTab(const Tab& tab, const PluginBroker* plugins);
  // The same into `out`, reusing its pixels when they have the size.
  static void ComposeTab(const Tab& tab, const PluginBroker* plugins, Image& out);
  // The same picture as rows for an encoder that runs now, on this thread:
  // straight from the renderer's shared buffer when nothing is drawn over it
  // (no plugin instance, no sad tab), which spares copying 4 MB into fresh
  // pages, each a fault; else composed into `scratch`. Valid until the tab
  // takes another frame or `scratch` changes.
  static PixelRows TabRows(const Tab& tab, const PluginBroker* plugins, Image& scratch);
  // A painted page's rows as ComposePage would copy them, where they are
  // (solid runs as one row of their colour). Valid while `page` is.
  static PixelRows PageRows(const PixelView& page);

  // What ComposeTab does for a live tab, without the Tab: the page's front
  // buffer (the viewport, which the renderer already painted at `scroll_y`)
  // and the instances over it, whose rects are in document coordinates.
  // `out` takes the page's size; its pixels are reused when they already
  // have that size, so a caller composing every frame neither allocates nor
  // faults in a fresh 8 MB image each time.
  static void ComposePage(const PixelView& page, int scroll_y, std::span<const PluginInstance* const> instances,
                          Image& out);
  // The same straight into `target` (one copy from the shared buffer, no
  // image between): the page's top-left corner at the target's, clipped to
  // both; target pixels the page does not cover are white.
  static void ComposePageInto(const PixelView& page, int scroll_y, std::span<const PluginInstance* const> instances,
                              const PixelTarget& target);
  // The tab's page into `target`, as ComposeTab draws it but with the sad
  // tab's Reload button when `reload_button` (the window's, which it can press).
  static void ComposeTabInto(const Tab& tab, const PluginBroker* plugins, const PixelTarget& target,
                             bool reload_button);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_COMPOSITOR_H_
