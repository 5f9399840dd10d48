#ifndef SANDTAB_BROWSER_DEVTOOLS_REMOTE_DEBUGGING_H_
#define SANDTAB_BROWSER_DEVTOOLS_REMOTE_DEBUGGING_H_

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "browser/devtools/browser_tabs.h"
#include "browser/devtools/devtools_protocol.h"
#include "browser/devtools/devtools_server.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

class PluginBroker;
class TabManager;

// --remote-debugging-port (DESIGN section 15), put together: the protocol
// over the real tabs, served on the port. The browser tells it of deaths;
// it follows the tabs itself (TabManager's observer).
class RemoteDebugging {
 public:
  static Result<std::unique_ptr<RemoteDebugging>> Start(boost::asio::io_context& io, int port, TabManager& tabs,
                                                        const PluginBroker* plugins, const std::string& content_root,
                                                        std::function<void()> close_browser);
  ~RemoteDebugging();

  void OnDeath(const proto::DeathRecord& record) { protocol_.OnDeath(record); }
  // Chrome's line: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
  std::string ListeningLine() const;

 private:
  RemoteDebugging(boost::asio::io_context& io, TabManager& tabs, const PluginBroker* plugins,
                  const std::string& content_root, std::function<void()> close_browser);

  TabManager& tab_manager_;
  BrowserTabs tabs_;
  DevToolsProtocol protocol_;
  std::unique_ptr<DevToolsServer> server_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_REMOTE_DEBUGGING_H_
