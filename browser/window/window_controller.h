#ifndef SANDTAB_BROWSER_WINDOW_WINDOW_CONTROLLER_H_
#define SANDTAB_BROWSER_WINDOW_WINDOW_CONTROLLER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <string>

#include "base/weak_anchor.h"
#include "base/result.h"
#include "browser/common/png_writer.h"
#include "browser/common/ui_rect.h"
#include "browser/window/address_bar.h"
#include "browser/window/browser_window.h"
#include "browser/window/input_router.h"
#include "browser/window/task_manager_feed.h"
#include "browser/window/task_manager_panel.h"
#include "browser/window/window_actions.h"
#include "browser/window/window_chrome.h"

namespace sandtab::browser {

struct BrowserConfig;
class PluginBroker;
class ProcessRegistry;
class Tab;
class TabManager;

// What the window shows now, for the shell's `window` command and tests.
struct WindowState {
  int width = 0;
  int height = 0;
  int active_tab = 0;  // 0: no tab
  int tabs = 0;
  std::string address;
  bool address_focused = false;
  bool task_manager = false;
  bool sad_tab = false;
  // Where the sad tab's Reload button and the task manager panel are, in
  // window coordinates (empty when not shown): what a click there hits.
  UiRect reload_button;
  UiRect task_manager_panel;
  std::string caption;
  // The status line's text: the link under the pointer, else the tab's
  // state, renderer pid and site.
  std::string status;
  uint64_t frames_drawn = 0;
};

// The window's switchboard: the tabs it shows (which one is active), the
// input InputRouter sends its way done to them, and a redraw of the whole
// window after damage (a tab changed, input changed the chrome), coalesced
// into one per turn of the loop. Nothing is drawn while nothing changes.
class WindowController : private WindowActions {
 public:
  struct Services {
    boost::asio::io_context& io;
    const BrowserConfig& config;
    TabManager& tabs;
    PluginBroker* plugins;
    const ProcessRegistry& processes;
  };

  // Opens the window at the size whose page area is the configured
  // --window-size; `on_close` runs when the user closes it.
  static Result<std::unique_ptr<WindowController>> Open(Services services, std::function<void()> on_close);
  ~WindowController() override;

  // Tab `id` changed (TabContext::on_tab_changed).
  void OnTabChanged(int id);
  // The picture the window shows, drawn first when damage is pending.
  Image Capture();
  void SetCaption(const std::string& caption);
  WindowState state() const;

 private:
  explicit WindowController(Services services);

  // WindowActions
  void NewTab() override;
  void CloseTab(size_t index) override;
  void CloseActiveTab() override;
  void ActivateTab(size_t index) override;
  void CycleTab(int delta) override;
  void Navigate(const std::string& typed) override;
  void Reload() override;
  void Back() override;
  void Forward() override;
  void ToggleTaskManager() override;
  void EndSelectedProcess() override;
  void PressKeyInPage(const std::string& key) override;
  void ClickPage(int x, int y) override;
  void ScrollPage(int delta_y) override;
  void MovePointerOnPage(int x, int y) override;
  void ChromeChanged() override { Damage(); }

  Tab* ActiveTab() const;
  int TabIdAt(size_t index) const;
  size_t ActiveIndex() const;
  void Activate(int id);
  void OnResized(int width, int height);
  void Damage();
  void Redraw();
  ChromeModel ChromeOf(const Tab* active) const;
  void ArmSpinner(bool loading);

  Services services_;
  std::unique_ptr<BrowserWindow> window_;
  AddressBar address_;
  TaskManagerPanel task_manager_;
  TaskManagerFeed task_feed_;
  InputRouter router_;
  std::string caption_;
  int active_id_ = 0;
  int newest_id_ = 0;  // the last tab id seen: a higher one is a new tab, which becomes active
  bool redraw_posted_ = false;
  int spinner_phase_ = 0;
  boost::asio::steady_timer spinner_;
  WeakAnchor anchor_;  // for a posted redraw and the spinner's handler
  uint64_t frames_drawn_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_WINDOW_CONTROLLER_H_
