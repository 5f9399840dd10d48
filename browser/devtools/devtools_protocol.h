#ifndef SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_PROTOCOL_H_
#define SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_PROTOCOL_H_

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string>

#include "browser/devtools/browser_domain.h"
#include "browser/devtools/cdp_client.h"
#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/emulation_domain.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/page_domain.h"
#include "browser/devtools/page_lifecycle.h"
#include "browser/devtools/runtime_domain.h"
#include "browser/devtools/session_table.h"
#include "browser/devtools/target_domain.h"
#include "browser/devtools/target_registry.h"
#include "browser/devtools/target_tree.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

class TabPort;

// The protocol without the network: the targets, every session, the served
// domains, and what sandtab tells it (tabs opened and closed, renderers
// gone). A WebSocket becomes a CdpClient here; the HTTP endpoints read the
// targets and the descriptor here.
class DevToolsProtocol {
 public:
  struct Options {
    std::string product = "sandtab/0.1.0";
    std::string user_agent = "sandtab/0.1";
    std::function<void()> close_browser;  // Browser.close
    uint64_t id_seed = 0;                 // reproducible ids in tests
    double load_timeout_seconds = 30;
  };

  DevToolsProtocol(boost::asio::io_context& io, TabPort& tabs, Options options);
  ~DevToolsProtocol() { CloseAll(); }
  DevToolsProtocol(const DevToolsProtocol&) = delete;
  DevToolsProtocol& operator=(const DevToolsProtocol&) = delete;

  // Ends every client's WebSocket (the browser is going).
  void CloseAll();

  void OnTabOpened(int tab_id);
  void OnTabClosed(int tab_id);
  void OnDeath(const proto::DeathRecord& record);

  // A client on the browser target or on one page's target (its WebSocket
  // path); `send` writes a text frame, `close` ends the WebSocket.
  std::shared_ptr<CdpClient> Connect(TargetType type, const std::string& target_id, CdpClient::Sender send,
                                     CdpClient::Closer close);

  TargetRegistry& targets() { return targets_; }
  TargetTree& tree() { return tree_; }
  const CdpDispatcher& dispatcher() const { return dispatcher_; }
  const DevToolsContext& context() const { return context_; }
  SessionTable& sessions() { return sessions_; }

 private:
  TargetRegistry targets_;
  SessionTable sessions_;
  DevToolsContext context_;
  TargetTree tree_;
  PageLifecycle lifecycle_;
  CdpDispatcher dispatcher_;
  TargetDomain target_domain_;
  PageDomain page_domain_;
  RuntimeDomain runtime_domain_;
  BrowserDomain browser_domain_;
  QuietDomains quiet_domains_;
  EmulationDomain emulation_domain_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_PROTOCOL_H_
