#include "browser/devtools/remote_debugging.h"

#include "browser/tab/tab_manager.h"

namespace sandtab::browser {

RemoteDebugging::RemoteDebugging(boost::asio::io_context& io, TabManager& tabs, const PluginBroker* plugins,
                                 const std::string& content_root, std::function<void()> close_browser)
    : tab_manager_(tabs),
      tabs_(io, tabs, plugins, content_root),
      protocol_(io, tabs_, DevToolsProtocol::Options{.close_browser = std::move(close_browser)}) {}

Result<std::unique_ptr<RemoteDebugging>> RemoteDebugging::Start(boost::asio::io_context& io, int port, TabManager& tabs,
                                                                const PluginBroker* plugins,
                                                                const std::string& content_root,
                                                                std::function<void()> close_browser) {
  std::unique_ptr<RemoteDebugging> debugging(
      new RemoteDebugging(io, tabs, plugins, content_root, std::move(close_browser)));
  ASSIGN_OR_RETURN(debugging->server_, DevToolsServer::Start(io, port, debugging->protocol_, {}), "DevTools");
  for (int id : debugging->tabs_.TabIds()) debugging->protocol_.OnTabOpened(id);
  tabs.set_observer([protocol = &debugging->protocol_](int tab_id, bool opened) {
    opened ? protocol->OnTabOpened(tab_id) : protocol->OnTabClosed(tab_id);
  });
  return debugging;
}

RemoteDebugging::~RemoteDebugging() {
  tab_manager_.set_observer(nullptr);
  server_.reset();
  protocol_.CloseAll();
}

std::string RemoteDebugging::ListeningLine() const { return "DevTools listening on " + server_->BrowserWebSocketUrl(); }

}  // namespace sandtab::browser
