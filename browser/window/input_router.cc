#include "browser/window/input_router.h"

#include "browser/compositor/sad_tab_panel.h"
#include "browser/window/address_bar.h"
#include "browser/window/tab_strip.h"
#include "browser/window/task_manager_panel.h"
#include "browser/window/window_actions.h"

namespace sandtab::browser {

bool InputRouter::RunShortcut(const KeyInput& key) {
  const bool ctrl_only = key.ctrl && !key.alt;
  if (ctrl_only && !key.shift && key.key == "t") {
    actions_.NewTab();
  } else if (ctrl_only && !key.shift && key.key == "w") {
    actions_.CloseActiveTab();
  } else if ((ctrl_only && !key.shift && key.key == "l") || (key.alt && !key.ctrl && key.key == "d")) {
    address_.Focus();
    actions_.ChromeChanged();
  } else if (ctrl_only && key.key == "Tab") {
    actions_.CycleTab(key.shift ? -1 : 1);
  } else if (ctrl_only && !key.shift && key.key == "PageDown") {
    actions_.CycleTab(1);
  } else if (ctrl_only && !key.shift && key.key == "PageUp") {
    actions_.CycleTab(-1);
  } else if ((key.key == "F5" && !key.alt) || (ctrl_only && !key.shift && key.key == "r")) {
    actions_.Reload();
  } else if (key.alt && !key.ctrl && key.key == "ArrowLeft") {
    actions_.Back();
  } else if (key.alt && !key.ctrl && key.key == "ArrowRight") {
    actions_.Forward();
  } else if (key.shift && !key.ctrl && !key.alt && key.key == "Escape") {
    actions_.ToggleTaskManager();
  } else {
    return false;
  }
  return true;
}

void InputRouter::OnKey(const KeyInput& key) {
  if (RunShortcut(key)) return;
  if (task_manager_.visible()) return KeyToTaskManager(key);
  if (address_.focused()) return KeyToAddressBar(key);
  // Letters with Ctrl or Alt that are no shortcut are not the page's text.
  if (key.ctrl || key.alt) return;
  actions_.PressKeyInPage(key.key);
}

void InputRouter::KeyToTaskManager(const KeyInput& key) {
  if (key.key == "ArrowDown") {
    task_manager_.SelectNext();
  } else if (key.key == "ArrowUp") {
    task_manager_.SelectPrevious();
  } else if (key.key == "Delete" || key.key == "Enter") {
    return actions_.EndSelectedProcess();
  } else if (key.key == "Escape") {
    return actions_.ToggleTaskManager();
  } else {
    return;  // the panel has the focus: nothing reaches the page
  }
  actions_.ChromeChanged();
}

void InputRouter::KeyToAddressBar(const KeyInput& key) {
  if (key.key == "Enter") return actions_.Navigate(address_.Commit());
  if (key.key == "Escape") {
    address_.Cancel();
  } else if (key.key == "Backspace") {
    address_.Backspace();
  } else if (key.key == "Delete") {
    address_.Delete();
  } else if (key.key == "ArrowLeft") {
    address_.MoveLeft();
  } else if (key.key == "ArrowRight") {
    address_.MoveRight();
  } else if (key.key == "Home") {
    address_.Home();
  } else if (key.key == "End") {
    address_.End();
  } else if (key.ctrl && key.key == "a") {
    address_.SelectAll();
  } else {
    return;
  }
  actions_.ChromeChanged();
}

void InputRouter::OnText(const TextInput& text) {
  if (task_manager_.visible()) return;
  if (address_.focused()) {
    address_.Insert(text.text);
    return actions_.ChromeChanged();
  }
  // One key per character, as a keyboard would press them.
  size_t start = 0;
  while (start < text.text.size()) {
    size_t end = start + 1;
    while (end < text.text.size() && (static_cast<unsigned char>(text.text[end]) & 0xc0) == 0x80) ++end;
    actions_.PressKeyInPage(text.text.substr(start, end - start));
    start = end;
  }
}

void InputRouter::OnClick(const ClickInput& click, const Surroundings& around) {
  const WindowLayout& layout = around.layout;
  // A click anywhere but the address bar ends its editing, as in Chrome.
  if (address_.focused() && !layout.address.Contains(click.x, click.y)) {
    address_.Cancel();
    actions_.ChromeChanged();
  }
  if (layout.tab_strip.Contains(click.x, click.y)) {
    const TabStrip::Hit hit = TabStrip(layout.tab_strip, around.tab_count).HitTest(click.x, click.y);
    if (hit.part == TabStrip::Part::kClose) return actions_.CloseTab(hit.index);
    if (hit.part == TabStrip::Part::kTab) return actions_.ActivateTab(hit.index);
    if (hit.part == TabStrip::Part::kNewTab) return actions_.NewTab();
    return;
  }
  if (layout.back.Contains(click.x, click.y)) return actions_.Back();
  if (layout.forward.Contains(click.x, click.y)) return actions_.Forward();
  if (layout.reload.Contains(click.x, click.y)) return actions_.Reload();
  if (layout.address.Contains(click.x, click.y)) {
    if (!address_.focused()) address_.Focus();
    return actions_.ChromeChanged();
  }
  if (layout.page.Contains(click.x, click.y)) ClickOnPage(click, around);
}

void InputRouter::ClickOnPage(const ClickInput& click, const Surroundings& around) {
  const UiRect& page = around.layout.page;
  if (task_manager_.visible()) {
    const TaskManagerPanel::Hit hit = task_manager_.HitTest(page, click.x, click.y);
    if (hit.part == TaskManagerPanel::HitPart::kEndProcess) return actions_.EndSelectedProcess();
    if (hit.part == TaskManagerPanel::HitPart::kRow) {
      task_manager_.Select(hit.row);
      return actions_.ChromeChanged();
    }
    if (hit.part == TaskManagerPanel::HitPart::kInside) return;
    // Outside the panel the page takes the click, as under Chrome's task
    // manager window.
  }
  if (around.sad_tab) {
    UiRect reload = SadTabPanel::LayoutFor(page.width, page.height, true).reload;
    if (reload.Contains(click.x - page.x, click.y - page.y)) actions_.Reload();
    return;  // a dead page takes no clicks
  }
  actions_.ClickPage(click.x - page.x, click.y - page.y);
}

void InputRouter::OnMotion(const MotionInput& motion, const Surroundings& around) {
  const UiRect& page = around.layout.page;
  // A dead page and the task manager's panel take no pointer, as they take no clicks.
  const bool in_page = !motion.left && page.Contains(motion.x, motion.y) && !around.sad_tab && !task_manager_.visible();
  if (in_page) {
    pointer_in_page_ = true;
    return actions_.MovePointerOnPage(motion.x - page.x, motion.y - page.y);
  }
  if (!pointer_in_page_) return;
  pointer_in_page_ = false;
  actions_.MovePointerOnPage(-1, -1);
}

void InputRouter::OnWheel(const WheelInput& wheel, const WindowLayout& layout) {
  if (!layout.page.Contains(wheel.x, wheel.y) || wheel.delta_y == 0) return;
  actions_.ScrollPage(wheel.delta_y);
  // Another part of the page is under the pointer now: the renderer says
  // which link (the move follows the scroll on the channel), as Chrome does.
  if (pointer_in_page_) actions_.MovePointerOnPage(wheel.x - layout.page.x, wheel.y - layout.page.y);
}

}  // namespace sandtab::browser
