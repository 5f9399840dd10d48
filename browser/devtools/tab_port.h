#ifndef SANDTAB_BROWSER_DEVTOOLS_TAB_PORT_H_
#define SANDTAB_BROWSER_DEVTOOLS_TAB_PORT_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "browser/common/png_writer.h"
#include "browser/common/ui_rect.h"
#include "browser/tab/renderer_host.h"

namespace sandtab::browser {

// What the DevTools protocol reads of one tab.
struct TabView {
  std::string url;
  std::string title;
  int width = 0;
  int height = 0;
  int scroll_y = 0;
};

// Everything CDP does to sandtab's tabs, in sandtab's own terms. The
// protocol's classes see tabs only through this port, so their tests drive
// them with a fake; BrowserTabs is the real one over TabManager.
class TabPort {
 public:
  using LoadedCallback = std::function<void(bool loaded)>;
  using EvalCallback = std::function<void(Result<EvalAnswer>)>;
  using ImageCallback = std::function<void(Result<Image>)>;

  virtual ~TabPort() = default;
  // Opens a tab at `url` (a full URL); its id.
  virtual Result<int> Open(const std::string& url) = 0;
  virtual Status Close(int tab_id) = 0;
  virtual std::vector<int> TabIds() const = 0;
  virtual std::optional<TabView> View(int tab_id) const = 0;
  virtual Status Navigate(int tab_id, const std::string& url) = 0;
  // A renderer debug URL (about:crash, about:hang): not a navigation.
  virtual Status RunDebugUrl(int tab_id, const std::string& url) = 0;
  // Once the tab's current document is loaded and painted (true), or after
  // `seconds` (false); never before this returns.
  virtual void WaitLoaded(int tab_id, double seconds, LoadedCallback done) = 0;
  virtual void Evaluate(int tab_id, const std::string& expression, EvalCallback done) = 0;
  // The tab's pixels as the shell's screenshot composes them; with an
  // `area` (viewport pixels), only the part inside it, never composing the
  // whole frame to cut a small piece out of it.
  virtual void Capture(int tab_id, std::optional<UiRect> area, ImageCallback done) = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_TAB_PORT_H_
