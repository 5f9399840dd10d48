#ifndef SANDTAB_BROWSER_DEVTOOLS_BROWSER_TABS_H_
#define SANDTAB_BROWSER_DEVTOOLS_BROWSER_TABS_H_

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <vector>

#include "browser/devtools/tab_port.h"

namespace sandtab::browser {

class PluginBroker;
class TabManager;

// The real TabPort: sandtab's TabManager and tabs, screenshots composed
// from the tab's shared buffer as the shell's `screenshot` does.
class BrowserTabs : public TabPort {
 public:
  BrowserTabs(boost::asio::io_context& io, TabManager& tabs, const PluginBroker* plugins, std::string content_root)
      : io_(io), tabs_(tabs), plugins_(plugins), content_root_(std::move(content_root)) {}

  Result<int> Open(const std::string& url) override;
  Status Close(int tab_id) override;
  std::vector<int> TabIds() const override;
  std::optional<TabView> View(int tab_id) const override;
  Status Navigate(int tab_id, const std::string& url) override;
  Status RunDebugUrl(int tab_id, const std::string& url) override;
  void WaitLoaded(int tab_id, double seconds, LoadedCallback done) override;
  void Evaluate(int tab_id, const std::string& expression, EvalCallback done) override;
  void Capture(int tab_id, std::optional<UiRect> area, ImageCallback done) override;

 private:
  class Tab* Find(int tab_id) const;
  // A full URL as the loader takes it (sandtab://pages/NAME is a file of
  // the content root), or Chrome's error for anything else.
  Result<std::string> Resolve(const std::string& url) const;
  // `done`, unless this port is gone by then: a tab outlives the protocol
  // at shutdown and calls its waiters back as it closes.
  template <typename Callback>
  auto WhileAlive(Callback done) const {
    return [alive = std::weak_ptr<const bool>(alive_), done = std::move(done)](auto&&... args) mutable {
      if (alive.lock()) done(std::forward<decltype(args)>(args)...);
    };
  }

  boost::asio::io_context& io_;
  TabManager& tabs_;
  const PluginBroker* plugins_;
  const std::string content_root_;
  std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_BROWSER_TABS_H_
