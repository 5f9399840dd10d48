#include "browser/tab/foreground_tab.h"

namespace sandtab::browser {

ForegroundTab::Change ForegroundTab::Use(int id) {
  if (id == foreground_) return {};
  Change change{foreground_, id};
  foreground_ = id;
  return change;
}

ForegroundTab::Change ForegroundTab::Closed(int id, int next) {
  if (id != foreground_) return {};
  foreground_ = next;
  return {0, next};
}

}  // namespace sandtab::browser
