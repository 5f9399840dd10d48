#ifndef SANDTAB_BROWSER_DEVTOOLS_BROWSER_DOMAIN_H_
#define SANDTAB_BROWSER_DEVTOOLS_BROWSER_DOMAIN_H_

#include <functional>

#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/devtools_context.h"

namespace sandtab::browser {

// The Browser domain: the version, the download behaviour (sandtab has no
// downloads), and closing the whole browser.
class BrowserDomain {
 public:
  BrowserDomain(DevToolsContext& context, std::function<void()> close_browser)
      : context_(context), close_browser_(std::move(close_browser)) {}
  void Register(CdpDispatcher& dispatcher);

 private:
  DevToolsContext& context_;
  std::function<void()> close_browser_;
};

// The domains sandtab serves only as switches: Inspector (whose events
// PageLifecycle sends to every session anyway) and the ones whose events sandtab has none of
// (Network, Log, Performance, Audits): enabling them succeeds and nothing
// more happens.
class QuietDomains {
 public:
  explicit QuietDomains(DevToolsContext& context) : context_(context) {}
  void Register(CdpDispatcher& dispatcher);

 private:
  DevToolsContext& context_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_BROWSER_DOMAIN_H_
