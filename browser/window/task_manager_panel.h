#ifndef SANDTAB_BROWSER_WINDOW_TASK_MANAGER_PANEL_H_
#define SANDTAB_BROWSER_WINDOW_TASK_MANAGER_PANEL_H_

#include <cairo.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "browser/common/ui_rect.h"

namespace sandtab::browser {

// One process as the task manager lists it: the `ps` columns.
struct TaskRow {
  pid_t pid = 0;
  std::string type;  // browser, zygote, renderer, plugin:TYPE
  int tab = 0;       // 0: not a tab's
  uint64_t memory_kib = 0;
  double cpu_seconds = 0;
  std::string state;
  bool sandboxed = false;
};

// Chrome's task manager (Shift+Esc) as a panel over the page: the rows,
// which one is selected, and the "End process" button. Selection follows
// the pid across refreshes. Drawing and hit-testing share LayoutFor.
class TaskManagerPanel {
 public:
  static constexpr int kRowHeight = 22;
  static constexpr size_t kMaxRowsShown = 24;

  struct Layout {
    UiRect panel;
    UiRect first_row;  // the next rows follow, kRowHeight apart
    UiRect end_process;
  };
  static Layout LayoutFor(const UiRect& page, size_t rows);

  enum class HitPart { kOutside, kInside, kRow, kEndProcess };
  struct Hit {
    HitPart part = HitPart::kOutside;
    size_t row = 0;
  };

  bool visible() const { return visible_; }
  void Toggle() { visible_ = !visible_; }
  void Hide() { visible_ = false; }

  void SetRows(std::vector<TaskRow> rows);
  const std::vector<TaskRow>& rows() const { return rows_; }
  // The selected row, if any is.
  std::optional<TaskRow> selected() const;
  void Select(size_t row);
  void SelectNext();
  void SelectPrevious();

  Hit HitTest(const UiRect& page, int x, int y) const;
  void Draw(cairo_t* cr, const UiRect& page) const;

 private:
  std::vector<TaskRow> rows_;
  std::optional<pid_t> selected_pid_;
  bool visible_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_TASK_MANAGER_PANEL_H_
