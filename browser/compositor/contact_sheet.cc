#include "browser/compositor/contact_sheet.h"

#include <algorithm>
#include <cmath>

#include "browser/common/cairo_drawing.h"
#include "browser/compositor/compositor.h"
#include "browser/tab/tab.h"

namespace sandtab::browser {

int SheetLayout::CellX(size_t index) const {
  return kGap + static_cast<int>(index % static_cast<size_t>(columns)) * (thumb_width + kGap);
}

int SheetLayout::CellY(size_t index) const {
  return kGap + static_cast<int>(index / static_cast<size_t>(columns)) * (kLabelHeight + thumb_height + kGap);
}

SheetLayout LayoutSheet(size_t tabs, int tab_width, int tab_height) {
  SheetLayout layout;
  if (tabs == 0 || tab_width <= 0 || tab_height <= 0) return layout;
  layout.cells = tabs;
  // Up to four in a row, as a tab strip reads; then a near-square grid.
  layout.columns =
      tabs <= 4 ? static_cast<int>(tabs) : static_cast<int>(std::ceil(std::sqrt(static_cast<double>(tabs))));
  layout.rows =
      static_cast<int>((tabs + static_cast<size_t>(layout.columns) - 1) / static_cast<size_t>(layout.columns));
  const int widest = (SheetLayout::kMaxWidth - SheetLayout::kGap) / layout.columns - SheetLayout::kGap;
  layout.scale = std::min(SheetLayout::kMaxScale, static_cast<double>(widest) / tab_width);
  layout.thumb_width = std::max(1, static_cast<int>(tab_width * layout.scale));
  layout.thumb_height = std::max(1, static_cast<int>(tab_height * layout.scale));
  layout.width = layout.columns * (layout.thumb_width + SheetLayout::kGap) + SheetLayout::kGap;
  layout.height =
      layout.rows * (SheetLayout::kLabelHeight + layout.thumb_height + SheetLayout::kGap) + SheetLayout::kGap;
  return layout;
}

Image ContactSheet::Blank(const SheetLayout& layout) {
  Image sheet;
  sheet.width = layout.width;
  sheet.height = layout.height;
  sheet.pixels.resize(static_cast<size_t>(sheet.width) * static_cast<size_t>(sheet.height) * 4);
  if (sheet.pixels.empty()) return sheet;
  auto surface = WrapImage(sheet);
  CairoPtr cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 0.2, 0.22, 0.25);
  cairo_paint(cr.get());
  cairo_surface_flush(surface.get());
  return sheet;
}

ContactSheet::ContactSheet(const SheetLayout& layout, Image blank, Image scratch)
    : layout_(layout), sheet_(std::move(blank)), scratch_(std::move(scratch)) {
  if (sheet_.width != layout_.width || sheet_.height != layout_.height) sheet_ = Blank(layout_);
}

void ContactSheet::Draw(size_t index, const Tab& tab, const PluginBroker* plugins) {
  if (index >= layout_.cells) return;
  Compositor::ComposeTab(tab, plugins, scratch_);
  if (!scratch_.pixels.empty()) {
    auto surface = WrapImage(sheet_);
    auto thumbnail = WrapImage(scratch_);
    CairoPtr cr(cairo_create(surface.get()));
    const double x = layout_.CellX(index), y = layout_.CellY(index) + SheetLayout::kLabelHeight;
    // A tab of another size than the first one's stays inside its cell.
    cairo_rectangle(cr.get(), x, y, layout_.thumb_width, layout_.thumb_height);
    cairo_clip(cr.get());
    cairo_translate(cr.get(), x, y);
    cairo_scale(cr.get(), layout_.scale, layout_.scale);
    cairo_set_source_surface(cr.get(), thumbnail.get(), 0, 0);
    cairo_paint(cr.get());
    cairo_surface_flush(surface.get());
  }
  DrawLabel(index, "tab " + std::to_string(tab.id()) + "  pid " +
                       (tab.pid() > 0 ? std::to_string(tab.pid()) : std::string("-")) + "  " +
                       TabStateName(tab.state()));
}

void ContactSheet::DrawClosed(size_t index, int tab_id) {
  if (index >= layout_.cells) return;
  DrawLabel(index, "tab " + std::to_string(tab_id) + "  closed");
}

void ContactSheet::DrawLabel(size_t index, const std::string& label) {
  auto surface = WrapImage(sheet_);
  CairoPtr cr(cairo_create(surface.get()));
  const double x = layout_.CellX(index), y = layout_.CellY(index);
  cairo_rectangle(cr.get(), x, y, layout_.thumb_width, SheetLayout::kLabelHeight);
  cairo_clip(cr.get());
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  // Small thumbnails (a grid of hundreds) get a small label that still fits.
  const char* font = layout_.thumb_width < 320 ? "DejaVu Sans Mono Bold 7" : "DejaVu Sans Mono Bold 11";
  DrawText(cr.get(), label, font, x + 4, y + 4, std::max(8, layout_.thumb_width - 8));
  cairo_surface_flush(surface.get());
}

}  // namespace sandtab::browser
