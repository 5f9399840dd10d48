#include "browser/devtools/browser_domain.h"

#include <boost/asio/post.hpp>

#include "browser/devtools/page_lifecycle.h"
#include "browser/devtools/target_registry.h"

namespace sandtab::browser {
namespace {

constexpr auto kBrowser = TargetType::kBrowser;
constexpr auto kPage = TargetType::kPage;

void ReplyEmpty(CdpSession&, const CdpCall& call) { call.Reply(Json::object()); }

}  // namespace

void BrowserDomain::Register(CdpDispatcher& dispatcher) {
  dispatcher.Add("Browser.getVersion", {kBrowser, kPage}, [this](CdpSession&, const CdpCall& call) {
    call.Reply({{"protocolVersion", "1.3"},
                {"product", context_.product},
                {"revision", ""},
                {"userAgent", context_.user_agent},
                {"jsVersion", "SpiderMonkey 102"}});
  });
  // sandtab never downloads (every response is a page, a text or an error
  // page): whatever the behaviour, no download starts and no download event
  // is ever sent, so each is true of it. Playwright sets it on connecting.
  dispatcher.Add("Browser.setDownloadBehavior", {kBrowser}, [](CdpSession&, const CdpCall& call) {
    const std::string behavior = call.StringParam("behavior");
    if (behavior != "deny" && behavior != "allow" && behavior != "allowAndName" && behavior != "default") {
      return call.Fail(kCdpInvalidParams, "Invalid parameters: behavior");
    }
    call.Reply(Json::object());
  });
  dispatcher.Add("Browser.close", {kBrowser}, [this](CdpSession&, const CdpCall& call) {
    call.Reply(Json::object());
    // After this turn, so the reply is queued before the browser goes.
    if (close_browser_) boost::asio::post(context_.io, close_browser_);
  });
}

void QuietDomains::Register(CdpDispatcher& dispatcher) {
  dispatcher.Add("Inspector.enable", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    // Chrome repeats a crash to a session that enables after it.
    PageTarget* page = context_.targets.ByTargetId(session.target_id);
    if (page && page->crashed) EmitEvent(session, "Inspector.targetCrashed");
    call.Reply(Json::object());
  });
  dispatcher.Add("Inspector.disable", {kPage}, ReplyEmpty);
  for (const char* event : {"Inspector.targetCrashed", "Inspector.targetReloadedAfterCrash", "Inspector.detached"}) {
    dispatcher.AddEvent(event);
  }
  for (const char* method : {"Network.enable", "Network.disable", "Log.enable", "Log.disable", "Performance.enable",
                             "Performance.disable", "Audits.enable", "Audits.disable"}) {
    dispatcher.Add(method, {kPage}, ReplyEmpty);
  }
}

}  // namespace sandtab::browser
