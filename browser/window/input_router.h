#ifndef SANDTAB_BROWSER_WINDOW_INPUT_ROUTER_H_
#define SANDTAB_BROWSER_WINDOW_INPUT_ROUTER_H_

#include <cstddef>

#include "browser/window/input_events.h"
#include "browser/window/window_layout.h"

namespace sandtab::browser {

class AddressBar;
class TaskManagerPanel;
class WindowActions;

// Where input goes (DESIGN section 16): Chrome's shortcuts first (Ctrl+T,
// Ctrl+W, Ctrl+L, Ctrl+Tab, Ctrl+Shift+Tab, F5, Ctrl+R, Alt+Left/Right,
// Shift+Esc), then whatever has the focus: the task manager while it is
// open, the address bar while it is edited, else the active tab's page.
// Clicks go to what is under them; the wheel scrolls the page.
class InputRouter {
 public:
  // What a click can land on besides the layout's fixed parts.
  struct Surroundings {
    WindowLayout layout;
    size_t tab_count = 0;
    bool sad_tab = false;  // the active tab shows the sad-tab panel (its Reload button)
  };

  InputRouter(WindowActions& actions, AddressBar& address, TaskManagerPanel& task_manager)
      : actions_(actions), address_(address), task_manager_(task_manager) {}

  void OnKey(const KeyInput& key);
  void OnText(const TextInput& text);
  void OnClick(const ClickInput& click, const Surroundings& around);
  void OnWheel(const WheelInput& wheel, const WindowLayout& layout);
  // Motion over the page goes to it (the renderer says which link is under
  // the pointer); leaving the page, for the chrome, a panel or outside the
  // window, is said once.
  void OnMotion(const MotionInput& motion, const Surroundings& around);

 private:
  bool RunShortcut(const KeyInput& key);
  void KeyToTaskManager(const KeyInput& key);
  void KeyToAddressBar(const KeyInput& key);
  void ClickOnPage(const ClickInput& click, const Surroundings& around);

  WindowActions& actions_;
  AddressBar& address_;
  TaskManagerPanel& task_manager_;
  bool pointer_in_page_ = false;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_INPUT_ROUTER_H_
