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

// Premultiplied BGRA pixels the compositor reads (a front buffer's mapping),
// `stride` >= width * 4 bytes per row. Null pixels: nothing painted yet.
struct PixelView {
  const uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;
  // Rows not in `pixels` but one colour each (FrameSink::solid_rows()).
  std::span<const SolidRows> solid_rows = {};
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

  // What ComposeTab does for a live tab, without the Tab: the page's front
  // buffer (the viewport, which the renderer already painted at `scroll_y`)
  // and the instances over it, whose rects are in document coordinates.
  // `out` takes the page's size; its pixels are reused when they already
  // have that size, so a caller composing every frame neither allocates nor
  // faults in a fresh 8 MB image each time.
  static void ComposePage(const PixelView& page, int scroll_y, std::span<const PluginInstance* const> instances,
                          Image& out);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_COMPOSITOR_H_
