#ifndef SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_HTTP_H_
#define SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_HTTP_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "browser/devtools/cdp_session.h"

namespace sandtab::browser {

class DevToolsProtocol;

struct HttpAnswer {
  int status = 200;
  std::string content_type = "application/json; charset=UTF-8";
  std::string body;
};

// Chrome's HTTP side of the DevTools port (devtools_http_handler.cc):
// /json/version, /json/list, /json/new (PUT), /json/close/ID,
// /json/activate/ID, /json/protocol, and which WebSocket path names which
// target. Transport-free: DevToolsServer reads the requests.
class DevToolsHttp {
 public:
  explicit DevToolsHttp(DevToolsProtocol& protocol) : protocol_(protocol) {}

  // `host` is the request's Host header ("" when it had none): the
  // WebSocket URLs are built from it, as Chrome does.
  HttpAnswer Answer(std::string_view method, std::string_view target, std::string_view host);
  // /devtools/browser/ID or /devtools/page/ID of a target that exists.
  std::optional<std::pair<TargetType, std::string>> WebSocketTarget(std::string_view path);
  // Chrome's rule against DNS rebinding: a Host header, when given, must
  // name an IP address or localhost.
  static bool IsAllowedHost(std::string_view host);
  static constexpr const char* kBadHostMessage = "Host header is specified and is not an IP address or localhost.";

  std::string BrowserWebSocketUrl(std::string_view host) const;

 private:
  Json PageDescriptor(int tab_id, std::string_view host);

  DevToolsProtocol& protocol_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_HTTP_H_
