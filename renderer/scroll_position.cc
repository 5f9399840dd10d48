#include "renderer/scroll_position.h"

#include <algorithm>

namespace sandtab::renderer {

void ScrollPosition::Reset(int restored_y) {
  y_ = 0;
  restored_y_ = std::max(0, restored_y);
}

void ScrollPosition::ScrollBy(int delta_y) {
  restored_y_ = 0;
  y_ += delta_y;
}

void ScrollPosition::Clamp(int content_height, int viewport_height, bool page_complete) {
  if (restored_y_ > 0) y_ = restored_y_;
  if (page_complete) restored_y_ = 0;
  y_ = std::clamp(y_, 0, std::max(0, content_height - viewport_height));
}

}  // namespace sandtab::renderer
