#include "browser/compositor/sad_tab_panel.h"

#include <algorithm>

#include "browser/common/cairo_drawing.h"

namespace sandtab::browser {
namespace {

constexpr int kBoxHeight = 170;
constexpr int kButtonRowHeight = 52;
constexpr int kButtonWidth = 110;
constexpr int kButtonHeight = 34;

}  // namespace

SadTabPanel::Layout SadTabPanel::LayoutFor(int width, int height, bool reload_button) {
  Layout layout;
  const int box_h = kBoxHeight + (reload_button ? kButtonRowHeight : 0);
  layout.box.width = std::max(0, std::min(640, width - 40));
  layout.box.height = box_h;
  layout.box.x = (width - layout.box.width) / 2;
  layout.box.y = std::max(20, (height - box_h) / 2);
  if (reload_button) {
    layout.reload = {layout.box.x + 20, layout.box.y + kBoxHeight, kButtonWidth, kButtonHeight};
  }
  return layout;
}

void SadTabPanel::Draw(cairo_t* cr, int width, int height, const std::string& cause, const std::string& decision,
                       bool reload_button) {
  const Layout layout = LayoutFor(width, height, reload_button);
  const UiRect& box = layout.box;
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_clip(cr);
  cairo_set_source_rgba(cr, 0.1, 0.1, 0.12, 0.7);  // the last frame, dimmed
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.98, 0.98, 0.98);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.7, 0.15, 0.12);
  DrawText(cr, "Aw, snap! This tab's renderer died.", "DejaVu Sans Bold 18", box.x + 20, box.y + 16, box.width - 40);
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  DrawText(cr, "Cause: " + cause + "\n" + decision, "DejaVu Sans 12", box.x + 20, box.y + 60, box.width - 40);
  if (!layout.reload.empty()) {
    const UiRect& button = layout.reload;
    cairo_set_source_rgb(cr, 0.1, 0.45, 0.91);  // Chrome's blue action button
    cairo_rectangle(cr, button.x, button.y, button.width, button.height);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    DrawText(cr, "Reload", "DejaVu Sans Bold 12", button.x + 27, button.y + 8, button.width - 20);
  }
  cairo_restore(cr);
}

}  // namespace sandtab::browser
