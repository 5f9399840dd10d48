#include "browser/window/window_layout.h"

#include <algorithm>

namespace sandtab::browser {

WindowLayout WindowLayout::For(int width, int height) {
  WindowLayout layout;
  layout.width = std::max(width, kMinWidth);
  layout.height = std::max(height, kChromeHeight + kMinPageHeight);
  const int w = layout.width;
  layout.tab_strip = {0, 0, w, kTabStripHeight};
  layout.toolbar = {0, kTabStripHeight, w, kToolbarHeight};
  constexpr int kButton = 30;
  const int button_y = kTabStripHeight + (kToolbarHeight - kButton) / 2;
  layout.back = {8, button_y, kButton, kButton};
  layout.forward = {8 + kButton + 4, button_y, kButton, kButton};
  layout.reload = {8 + 2 * (kButton + 4), button_y, kButton, kButton};
  const int address_x = layout.reload.right() + 10;
  layout.address = {address_x, button_y, std::max(40, w - address_x - 10), kButton};
  const int page_y = kTabStripHeight + kToolbarHeight;
  layout.page = {0, page_y, w, layout.height - page_y - kStatusHeight};
  layout.status = {0, layout.height - kStatusHeight, w, kStatusHeight};
  return layout;
}

}  // namespace sandtab::browser
