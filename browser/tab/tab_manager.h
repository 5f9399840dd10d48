#ifndef SANDTAB_BROWSER_TAB_TAB_MANAGER_H_
#define SANDTAB_BROWSER_TAB_TAB_MANAGER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>

#include "base/result.h"
#include "browser/tab/foreground_tab.h"
#include "browser/tab/tab.h"

namespace sandtab::browser {

// Owns every tab and gives out ids. (The browser-wide death log is the
// process room's DeathLog: plugins, spares and zygotes die too.)
class TabManager {
 public:
  explicit TabManager(TabContext& context);
  ~TabManager();

  // Opens a tab navigated to `url` (already normalised); its renderer starts now.
  Result<Tab*> Open(const std::string& url);
  Tab* Find(int id);
  Status Close(int id);
  void CloseAll();

  const std::map<int, std::unique_ptr<Tab>>& tabs() const { return tabs_; }
  // Every tab's viewport, and every new tab's, takes this size (the
  // window's page area); the first failure is returned, the rest still tried.
  Status SetViewportSize(int width, int height);
  int viewport_width() const { return viewport_width_; }
  int viewport_height() const { return viewport_height_; }
  // Told of each tab opened (its first navigation started) and closed:
  // the DevTools protocol's targets follow the tabs whoever opens them.
  using TabsObserver = std::function<void(int tab_id, bool opened)>;
  void set_observer(TabsObserver observer) { observer_ = std::move(observer); }
  // Tabs holding pixel buffers now (the budget's count, pinned ones included).
  int SurfacesHeld() const;
  // Saved frames kept (kSavedFrames at most, and a restored tab's until its
  // renderer paints).
  int SavedFrames() const;
  // Releases the pixel buffers of the least recently used tabs beyond
  // config.max_surfaces (pinned ones stay, and count), and keeps the saved frames of only the
  // kSavedFrames most recently used of the released. Runs every second and
  // shortly after each open.
  void EnforceSurfaceBudget();
  // Chrome keeps the last frame of at most five hidden tabs
  // (FrameEvictionManager); so do we, compressed (docs/scale.md).
  static constexpr int kSavedFrames = 5;
  // Tab `id` was used (TabContext::on_tab_used): it comes to the foreground
  // and the one before goes to the background (ForegroundTab).
  void OnTabUsed(int id);
  int foreground_tab() const { return foreground_.id(); }

 private:
  TabContext& context_;
  std::map<int, std::unique_ptr<Tab>> tabs_;
  int next_id_ = 1;
  int viewport_width_;
  int viewport_height_;
  TabsObserver observer_;
  ForegroundTab foreground_;
  boost::asio::steady_timer budget_timer_;
  // After an open, the budget runs soon rather than at once: releasing a tab
  // encodes its saved frame (1.5-4 ms at 1280x800), which would otherwise sit
  // on the loop in front of the new tab's first frame.
  boost::asio::steady_timer soon_timer_;
  bool soon_armed_ = false;
  void ArmBudgetTimer();
  void EnforceSurfaceBudgetSoon();
  void Apply(ForegroundTab::Change change);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_TAB_MANAGER_H_
