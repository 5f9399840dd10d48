#ifndef SANDTAB_BROWSER_WINDOW_WINDOW_ACTIONS_H_
#define SANDTAB_BROWSER_WINDOW_WINDOW_ACTIONS_H_

#include <cstddef>
#include <string>

namespace sandtab::browser {

// What input can make the window do: InputRouter decides which, the
// WindowController does it to the tabs.
class WindowActions {
 public:
  virtual ~WindowActions() = default;

  virtual void NewTab() = 0;
  virtual void CloseTab(size_t index) = 0;
  virtual void CloseActiveTab() = 0;
  virtual void ActivateTab(size_t index) = 0;
  // +1: the next tab (Ctrl+Tab), -1: the previous one, wrapping.
  virtual void CycleTab(int delta) = 0;
  virtual void Navigate(const std::string& typed) = 0;  // the address bar's text
  virtual void Reload() = 0;
  virtual void Back() = 0;
  virtual void Forward() = 0;
  // Shows the task manager panel, or hides it when shown.
  virtual void ToggleTaskManager() = 0;
  virtual void EndSelectedProcess() = 0;
  // To the active tab's renderer (and its scripts), in viewport coordinates.
  virtual void PressKeyInPage(const std::string& key) = 0;
  virtual void ClickPage(int x, int y) = 0;
  virtual void ScrollPage(int delta_y) = 0;
  // The pointer is over the page at (x, y); negative: it left the page.
  virtual void MovePointerOnPage(int x, int y) = 0;
  // Something the chrome shows changed (the address bar's text, a selection).
  virtual void ChromeChanged() = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_WINDOW_ACTIONS_H_
