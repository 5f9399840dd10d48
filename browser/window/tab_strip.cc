#include "browser/window/tab_strip.h"

#include <algorithm>

namespace sandtab::browser {
namespace {

constexpr int kLeftMargin = 6;
constexpr int kTopMargin = 4;
constexpr int kCloseSize = 16;

}  // namespace

TabStrip::TabStrip(UiRect area, size_t count) : area_(area), count_(count) {
  const int room = area_.width - kLeftMargin - kNewTabWidth - kLeftMargin;
  tab_width_ = count_ == 0 ? 0 : std::clamp(room / static_cast<int>(count_), 1, kMaxTabWidth);
}

UiRect TabStrip::TabRect(size_t index) const {
  return {area_.x + kLeftMargin + static_cast<int>(index) * tab_width_, area_.y + kTopMargin, tab_width_,
          area_.height - kTopMargin};
}

UiRect TabStrip::CloseRect(size_t index) const {
  const UiRect tab = TabRect(index);
  // A tab too narrow for its title still keeps its close button.
  const int size = std::min(kCloseSize, tab.width);
  return {tab.right() - size - std::min(8, tab.width - size), tab.y + (tab.height - size) / 2, size, size};
}

UiRect TabStrip::NewTabRect() const {
  const int x = area_.x + kLeftMargin + static_cast<int>(count_) * tab_width_ + 4;
  return {x, area_.y + kTopMargin + 2, kNewTabWidth - 8, area_.height - kTopMargin - 6};
}

TabStrip::Hit TabStrip::HitTest(int x, int y) const {
  for (size_t i = 0; i < count_; ++i) {
    if (CloseRect(i).Contains(x, y)) return {Part::kClose, i};
    if (TabRect(i).Contains(x, y)) return {Part::kTab, i};
  }
  if (NewTabRect().Contains(x, y)) return {Part::kNewTab, 0};
  return {};
}

}  // namespace sandtab::browser
