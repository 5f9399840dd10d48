#ifndef SANDTAB_BROWSER_DEVTOOLS_PAGE_DOMAIN_H_
#define SANDTAB_BROWSER_DEVTOOLS_PAGE_DOMAIN_H_

#include <string>

#include "base/result.h"
#include "browser/common/blocking_worker.h"
#include "browser/common/png_writer.h"
#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/page_lifecycle.h"

namespace sandtab::browser {

// The Page domain on a page session: navigation through the tab (and its
// lifecycle events through PageLifecycle), the frame tree, screenshots
// from the tab's shared buffer (the shell's compositing; the PNG encoded
// on a worker thread, not on the loop), Page.crash and chrome://crash.
class PageDomain {
 public:
  PageDomain(DevToolsContext& context, PageLifecycle& lifecycle) : context_(context), lifecycle_(lifecycle) {}
  void Register(CdpDispatcher& dispatcher);

  // Page.captureScreenshot's clip (CSS pixels, scale 1 only) as the whole
  // pixels it touches; what of it is inside the page is the capture's to say.
  static Result<UiRect> ClipArea(const Json& clip);
  // RFC 4648 base64, which CDP uses for binary data.
  static std::string Base64(std::string_view bytes);

 private:
  void Navigate(CdpSession& session, const CdpCall& call);
  void Reload(CdpSession& session, const CdpCall& call);
  void CaptureScreenshot(CdpSession& session, const CdpCall& call);
  void GetLayoutMetrics(CdpSession& session, const CdpCall& call);
  void Crash(CdpSession& session, const CdpCall& call);
  void AddScriptToEvaluateOnNewDocument(CdpSession& session, const CdpCall& call);
  PageTarget* PageOf(const CdpSession& session, const CdpCall& call);

  DevToolsContext& context_;
  PageLifecycle& lifecycle_;
  BlockingWorker encoder_{context_.io};
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_PAGE_DOMAIN_H_
