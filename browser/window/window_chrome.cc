#include "browser/window/window_chrome.h"

#include <cmath>
#include <memory>

#include "browser/common/cairo_drawing.h"
#include "browser/window/address_bar.h"
#include "browser/window/tab_strip.h"

namespace sandtab::browser {
namespace {

constexpr const char* kTabFont = "DejaVu Sans 9";
constexpr const char* kAddressFont = "DejaVu Sans 11";
constexpr const char* kStatusFont = "DejaVu Sans 9";

void Fill(cairo_t* cr, const UiRect& rect, double r, double g, double b) {
  cairo_set_source_rgb(cr, r, g, b);
  cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height);
  cairo_fill(cr);
}

// One line of text, cut at the rect's edge (no wrapping).
void DrawLine(cairo_t* cr, const std::string& text, const char* font, const UiRect& rect) {
  cairo_save(cr);
  cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height);
  cairo_clip(cr);
  DrawTextLine(cr, text, font, rect.x, rect.y, rect.width, rect.height);
  cairo_restore(cr);
}

void DrawSpinner(cairo_t* cr, double cx, double cy, int phase) {
  cairo_save(cr);
  cairo_set_line_width(cr, 2.5);
  cairo_set_source_rgb(cr, 0.1, 0.45, 0.91);
  const double start = phase * M_PI / 6;
  cairo_arc(cr, cx, cy, 6, start, start + 1.4 * M_PI);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void DrawCrashedMark(cairo_t* cr, double cx, double cy) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.8, 0.15, 0.12);
  cairo_arc(cr, cx, cy, 7, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, cx, cy - 4);
  cairo_line_to(cr, cx, cy + 1);
  cairo_stroke(cr);
  cairo_arc(cr, cx, cy + 4, 1.2, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_restore(cr);
}

void DrawCross(cairo_t* cr, const UiRect& box, double r, double g, double b) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, r, g, b);
  cairo_set_line_width(cr, 1.6);
  const double inset = box.width * 0.28;
  cairo_move_to(cr, box.x + inset, box.y + inset);
  cairo_line_to(cr, box.right() - inset, box.bottom() - inset);
  cairo_move_to(cr, box.right() - inset, box.y + inset);
  cairo_line_to(cr, box.x + inset, box.bottom() - inset);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// An arrow in a toolbar button: pointing left (-1) or right (+1).
void DrawArrow(cairo_t* cr, const UiRect& box, int direction, bool enabled) {
  const double grey = enabled ? 0.2 : 0.68;
  cairo_save(cr);
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_set_line_width(cr, 2.2);
  const double cx = box.x + box.width / 2.0, cy = box.y + box.height / 2.0;
  const double tip = cx + 7 * direction;
  cairo_move_to(cr, cx - 7 * direction, cy);
  cairo_line_to(cr, tip, cy);
  cairo_move_to(cr, tip - 6 * direction, cy - 6);
  cairo_line_to(cr, tip, cy);
  cairo_line_to(cr, tip - 6 * direction, cy + 6);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void DrawReloadIcon(cairo_t* cr, const UiRect& box) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 2.2);
  const double cx = box.x + box.width / 2.0, cy = box.y + box.height / 2.0;
  cairo_arc(cr, cx, cy, 7, 0.3 * M_PI, 1.9 * M_PI);
  cairo_stroke(cr);
  cairo_move_to(cr, cx + 7 + 3, cy - 5);
  cairo_line_to(cr, cx + 7 - 1, cy + 1);
  cairo_line_to(cr, cx + 7 - 5, cy - 5);
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

void WindowChrome::Draw(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model) {
  DrawTabStrip(cr, layout, model);
  DrawToolbar(cr, layout, model);
  DrawStatus(cr, layout, model.status);
}

void WindowChrome::DrawTabStrip(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model) {
  Fill(cr, layout.tab_strip, 0.87, 0.89, 0.93);
  const TabStrip strip(layout.tab_strip, model.tabs.size());
  for (size_t i = 0; i < model.tabs.size(); ++i) {
    const ChromeTab& tab = model.tabs[i];
    const UiRect rect = strip.TabRect(i);
    const bool active = i == model.active;
    // The active tab joins the toolbar below it; the others sit apart.
    if (active) {
      Fill(cr, rect, 1, 1, 1);
    } else {
      Fill(cr, {rect.x + 1, rect.y + 2, rect.width - 2, rect.height - 4}, 0.80, 0.83, 0.88);
    }
    int text_x = rect.x + 10;
    if (tab.crashed) {
      DrawCrashedMark(cr, rect.x + 16, rect.y + rect.height / 2.0);
      text_x = rect.x + 28;
    } else if (tab.loading) {
      DrawSpinner(cr, rect.x + 16, rect.y + rect.height / 2.0, model.spinner_phase);
      text_x = rect.x + 28;
    }
    const UiRect close = strip.CloseRect(i);
    cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
    DrawLine(cr, tab.title.empty() ? "Untitled" : tab.title, kTabFont,
             {text_x, rect.y, close.x - 4 - text_x, rect.height});
    DrawCross(cr, close, 0.3, 0.3, 0.3);
  }
  const UiRect plus = strip.NewTabRect();
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  cairo_set_line_width(cr, 2);
  const double cx = plus.x + plus.width / 2.0, cy = plus.y + plus.height / 2.0;
  cairo_move_to(cr, cx - 6, cy);
  cairo_line_to(cr, cx + 6, cy);
  cairo_move_to(cr, cx, cy - 6);
  cairo_line_to(cr, cx, cy + 6);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void WindowChrome::DrawToolbar(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model) {
  Fill(cr, layout.toolbar, 1, 1, 1);
  Fill(cr, {layout.toolbar.x, layout.toolbar.bottom() - 1, layout.toolbar.width, 1}, 0.8, 0.8, 0.82);
  DrawArrow(cr, layout.back, -1, model.can_back);
  DrawArrow(cr, layout.forward, 1, model.can_forward);
  DrawReloadIcon(cr, layout.reload);

  const UiRect& box = layout.address;
  const bool editing = model.address && model.address->focused();
  Fill(cr, box, 0.94, 0.95, 0.97);
  if (editing) {  // the focus ring
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.1, 0.45, 0.91);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, box.x + 1, box.y + 1, box.width - 2, box.height - 2);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  if (!model.address) return;
  const std::string& text = model.address->text();
  const UiRect text_box{box.x + 10, box.y, box.width - 20, box.height};
  if (editing && model.address->all_selected() && !text.empty()) {
    const double width = TextOffsetX(cr, text, text.size(), kAddressFont);
    cairo_set_source_rgb(cr, 0.71, 0.83, 0.99);
    cairo_rectangle(cr, text_box.x, box.y + 6, std::min<double>(width, text_box.width), box.height - 12);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  DrawLine(cr, text, kAddressFont, text_box);
  if (editing && !model.address->all_selected()) {
    const double x = text_box.x + TextOffsetX(cr, text, model.address->cursor(), kAddressFont);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, std::floor(x) + 0.5, box.y + 7);
    cairo_line_to(cr, std::floor(x) + 0.5, box.bottom() - 7);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
}

void WindowChrome::DrawStatus(cairo_t* cr, const WindowLayout& layout, const std::string& status) {
  Fill(cr, layout.status, 0.93, 0.93, 0.93);
  Fill(cr, {layout.status.x, layout.status.y, layout.status.width, 1}, 0.8, 0.8, 0.82);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  DrawLine(cr, status, kStatusFont,
           {layout.status.x + 8, layout.status.y, layout.status.width - 16, layout.status.height});
}

void WindowChrome::DrawCaption(cairo_t* cr, const UiRect& page, const std::string& caption) {
  if (caption.empty()) return;
  constexpr int kBand = 40;
  const UiRect band{page.x, page.bottom() - kBand, page.width, kBand};
  cairo_save(cr);
  cairo_set_source_rgba(cr, 0.05, 0.05, 0.1, 0.82);
  cairo_rectangle(cr, band.x, band.y, band.width, band.height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  DrawLine(cr, caption, "DejaVu Sans Bold 14", {band.x + 16, band.y, band.width - 32, band.height});
  cairo_restore(cr);
}

}  // namespace sandtab::browser
