#include "browser/devtools/devtools_http.h"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <cctype>

#include "browser/devtools/devtools_protocol.h"
#include "browser/devtools/tab_port.h"
#include "browser/loader/url.h"

namespace sandtab::browser {
namespace {

HttpAnswer Text(int status, std::string body) { return {status, "text/plain; charset=UTF-8", std::move(body)}; }
HttpAnswer JsonAnswer(const Json& json) { return {200, "application/json; charset=UTF-8", json.dump(2) + "\n"}; }

}  // namespace

bool DevToolsHttp::IsAllowedHost(std::string_view host) {
  if (host.empty()) return true;
  std::string name;
  if (host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    name = host.substr(1, close - 1);
  } else {
    const size_t colon = host.find(':');
    name = host.substr(0, colon);
    // "a:b:c" without brackets: an IPv6 literal with no port.
    if (colon != std::string_view::npos && host.find(':', colon + 1) != std::string_view::npos) name = host;
  }
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "localhost") return true;
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  return !ec;
}

std::string DevToolsHttp::BrowserWebSocketUrl(std::string_view host) const {
  return "ws://" + std::string(host) + "/devtools/browser/" + protocol_.targets().browser_id();
}

Json DevToolsHttp::PageDescriptor(int tab_id, std::string_view host) {
  PageTarget* page = protocol_.targets().ByTab(tab_id);
  const auto view = protocol_.context().tabs.View(tab_id);
  const std::string url = view ? view->url : "";
  return {{"description", ""},
          {"devtoolsFrontendUrl", ""},
          {"id", page->page_id},
          {"title", view && !view->title.empty() ? view->title : url},
          {"type", "page"},
          {"url", url},
          {"webSocketDebuggerUrl", "ws://" + std::string(host) + "/devtools/page/" + page->page_id}};
}

HttpAnswer DevToolsHttp::Answer(std::string_view method, std::string_view target, std::string_view host) {
  if (!IsAllowedHost(host)) return Text(500, kBadHostMessage);
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  if (path != "/json" && path.rfind("/json/", 0) != 0) return Text(404, "Not found");
  // "/json/<command>/<rest>": "/json/version/" is "version" (Playwright asks so).
  std::string_view rest = path.size() > 6 ? path.substr(6) : "";
  const size_t slash = rest.find('/');
  const std::string command(rest.substr(0, slash));
  const std::string argument(slash == std::string_view::npos ? "" : rest.substr(slash + 1));
  TabPort& tabs = protocol_.context().tabs;

  if (command == "version") {
    const DevToolsContext& context = protocol_.context();
    return JsonAnswer({{"Browser", context.product},
                       {"Protocol-Version", "1.3"},
                       {"User-Agent", context.user_agent},
                       {"V8-Version", "none: SpiderMonkey 102"},
                       {"WebKit-Version", "none: litehtml"},
                       {"webSocketDebuggerUrl", BrowserWebSocketUrl(host)}});
  }
  if (command.empty() || command == "list") {
    Json list = Json::array();
    std::vector<int> ids = tabs.TabIds();
    // Chrome lists the most recently opened first.
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
      if (protocol_.targets().ByTab(*it)) list.push_back(PageDescriptor(*it, host));
    }
    return JsonAnswer(list);
  }
  if (command == "protocol") return JsonAnswer(protocol_.dispatcher().ProtocolDescriptor());
  if (command == "new") {
    if (method != "PUT") {
      return Text(405, "Using unsafe HTTP verb " + std::string(method) +
                           " to invoke /json/new. This action supports only PUT verb.");
    }
    // Chrome opens about:blank for a URL it cannot use.
    auto tab_id = tabs.Open(PercentDecode(query));
    if (!tab_id) tab_id = tabs.Open("about:blank");
    if (!tab_id || !protocol_.targets().ByTab(*tab_id)) {
      return Text(500, "Could not create new page" + (tab_id ? std::string() : ": " + tab_id.error()));
    }
    return JsonAnswer(PageDescriptor(*tab_id, host));
  }
  if (command == "close" || command == "activate") {
    PageTarget* page = protocol_.targets().ByTargetId(argument);
    if (!page) return Text(404, "No such target id: " + argument);
    if (command == "activate") return Text(200, "Target activated");
    if (Status closed = tabs.Close(page->tab_id); !closed) return Text(500, closed.error());
    return Text(200, "Target is closing");
  }
  return Text(404, "Unknown command: " + command);
}

std::optional<std::pair<TargetType, std::string>> DevToolsHttp::WebSocketTarget(std::string_view path) {
  constexpr std::string_view kBrowser = "/devtools/browser/", kPage = "/devtools/page/";
  if (path.rfind(kBrowser, 0) == 0 && path.substr(kBrowser.size()) == protocol_.targets().browser_id()) {
    return std::make_pair(TargetType::kBrowser, protocol_.targets().browser_id());
  }
  if (path.rfind(kPage, 0) == 0) {
    const std::string id(path.substr(kPage.size()));
    if (PageTarget* page = protocol_.targets().ByTargetId(id); page && page->page_id == id) {
      return std::make_pair(TargetType::kPage, id);
    }
  }
  return std::nullopt;
}

}  // namespace sandtab::browser
