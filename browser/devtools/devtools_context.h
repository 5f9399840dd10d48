#ifndef SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_CONTEXT_H_
#define SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_CONTEXT_H_

#include <boost/asio/io_context.hpp>

#include <string>

namespace sandtab::browser {

class SessionTable;
class TabPort;
class TargetRegistry;

// What the protocol's classes share, built once by DevToolsServer.
struct DevToolsContext {
  boost::asio::io_context& io;
  TargetRegistry& targets;
  SessionTable& sessions;
  TabPort& tabs;
  std::string product;     // Browser.getVersion's product, /json/version's Browser
  std::string user_agent;  // what the loader sends
  double load_timeout_seconds = 30;
  // How long one wait for a crashed page's return lasts (it is renewed).
  double return_timeout_seconds = 30;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_CONTEXT_H_
