#include "browser/window/task_manager_panel.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "browser/common/cairo_drawing.h"

namespace sandtab::browser {
namespace {

constexpr int kTitleHeight = 34;
constexpr int kButtonRowHeight = 44;
constexpr const char* kFont = "DejaVu Sans 10";
constexpr const char* kBoldFont = "DejaVu Sans Bold 10";

struct Column {
  const char* name;
  int x;  // from the panel's left edge
};
constexpr std::array<Column, 7> kColumns = {
    {{"pid", 12}, {"type", 80}, {"tab", 230}, {"memory", 280}, {"CPU", 380}, {"state", 460}, {"sandboxed", 600}}};

std::string Cell(const TaskRow& row, size_t column) {
  char text[64];
  switch (column) {
    case 0:
      return std::to_string(row.pid);
    case 1:
      return row.type;
    case 2:
      return row.tab ? std::to_string(row.tab) : "-";
    case 3:
      std::snprintf(text, sizeof(text), "%.1f MB", static_cast<double>(row.memory_kib) / 1024.0);
      return text;
    case 4:
      std::snprintf(text, sizeof(text), "%.2f s", row.cpu_seconds);
      return text;
    case 5:
      return row.state;
    default:
      return row.sandboxed ? "yes" : "no";
  }
}

}  // namespace

TaskManagerPanel::Layout TaskManagerPanel::LayoutFor(const UiRect& page, size_t rows) {
  const int shown = static_cast<int>(std::min(rows, kMaxRowsShown));
  Layout layout;
  layout.panel.width = std::max(0, std::min(720, page.width - 40));
  layout.panel.height = std::min(page.height - 20, kTitleHeight + kRowHeight * (shown + 1) + kButtonRowHeight);
  layout.panel.x = page.x + (page.width - layout.panel.width) / 2;
  layout.panel.y = page.y + 10;
  layout.first_row = {layout.panel.x + 4, layout.panel.y + kTitleHeight + kRowHeight, layout.panel.width - 8,
                      kRowHeight};
  layout.end_process = {layout.panel.right() - 130, layout.panel.bottom() - kButtonRowHeight + 8, 118, 28};
  return layout;
}

void TaskManagerPanel::SetRows(std::vector<TaskRow> rows) {
  rows_ = std::move(rows);
  if (selected_pid_ &&
      std::none_of(rows_.begin(), rows_.end(), [&](const TaskRow& row) { return row.pid == *selected_pid_; })) {
    selected_pid_.reset();
  }
}

std::optional<TaskRow> TaskManagerPanel::selected() const {
  if (!selected_pid_) return std::nullopt;
  for (const TaskRow& row : rows_) {
    if (row.pid == *selected_pid_) return row;
  }
  return std::nullopt;
}

void TaskManagerPanel::Select(size_t row) {
  if (row < rows_.size()) selected_pid_ = rows_[row].pid;
}

void TaskManagerPanel::SelectNext() {
  if (rows_.empty()) return;
  size_t next = 0;
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (selected_pid_ && rows_[i].pid == *selected_pid_) next = std::min(i + 1, rows_.size() - 1);
  }
  Select(next);
}

void TaskManagerPanel::SelectPrevious() {
  if (rows_.empty()) return;
  size_t previous = rows_.size() - 1;
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (selected_pid_ && rows_[i].pid == *selected_pid_) previous = i == 0 ? 0 : i - 1;
  }
  Select(previous);
}

TaskManagerPanel::Hit TaskManagerPanel::HitTest(const UiRect& page, int x, int y) const {
  const Layout layout = LayoutFor(page, rows_.size());
  if (!layout.panel.Contains(x, y)) return {};
  if (layout.end_process.Contains(x, y)) return {HitPart::kEndProcess, 0};
  const size_t shown = std::min(rows_.size(), kMaxRowsShown);
  for (size_t i = 0; i < shown; ++i) {
    UiRect row = layout.first_row;
    row.y += static_cast<int>(i) * kRowHeight;
    if (row.Contains(x, y)) return {HitPart::kRow, i};
  }
  return {HitPart::kInside, 0};
}

void TaskManagerPanel::Draw(cairo_t* cr, const UiRect& page) const {
  const Layout layout = LayoutFor(page, rows_.size());
  const UiRect& panel = layout.panel;
  cairo_save(cr);
  cairo_set_source_rgba(cr, 0, 0, 0, 0.25);  // a shadow under the panel
  cairo_rectangle(cr, panel.x + 4, panel.y + 4, panel.width, panel.height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, panel.x, panel.y, panel.width, panel.height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.24, 0.32, 0.55);
  cairo_rectangle(cr, panel.x, panel.y, panel.width, kTitleHeight);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  DrawText(cr, "Task manager - sandtab (Shift+Esc closes)", "DejaVu Sans Bold 11", panel.x + 12, panel.y + 8,
           panel.width - 24);

  cairo_rectangle(cr, panel.x, panel.y, panel.width, panel.height);
  cairo_clip(cr);
  const int header_y = layout.first_row.y - kRowHeight;
  cairo_set_source_rgb(cr, 0.91, 0.93, 0.97);
  cairo_rectangle(cr, panel.x, header_y, panel.width, kRowHeight);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  for (const Column& column : kColumns) DrawText(cr, column.name, kBoldFont, panel.x + column.x, header_y + 3, 140);
  const std::optional<TaskRow> chosen = selected();
  const size_t shown = std::min(rows_.size(), kMaxRowsShown);
  for (size_t i = 0; i < shown; ++i) {
    const int y = layout.first_row.y + static_cast<int>(i) * kRowHeight;
    if (chosen && chosen->pid == rows_[i].pid) {
      cairo_set_source_rgb(cr, 0.75, 0.85, 0.98);
      cairo_rectangle(cr, layout.first_row.x, y, layout.first_row.width, kRowHeight);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    for (size_t c = 0; c < kColumns.size(); ++c) {
      const int width = c + 1 < kColumns.size() ? kColumns[c + 1].x - kColumns[c].x - 6 : 100;
      DrawText(cr, Cell(rows_[i], c), kFont, panel.x + kColumns[c].x, y + 3, width);
    }
  }
  const UiRect& button = layout.end_process;
  cairo_set_source_rgb(cr, chosen ? 0.1 : 0.7, chosen ? 0.45 : 0.7, chosen ? 0.91 : 0.7);
  cairo_rectangle(cr, button.x, button.y, button.width, button.height);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  DrawText(cr, "End process", kBoldFont, button.x + 18, button.y + 6, button.width - 20);
  cairo_restore(cr);
}

}  // namespace sandtab::browser
