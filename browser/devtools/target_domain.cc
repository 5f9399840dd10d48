#include "browser/devtools/target_domain.h"

#include "browser/devtools/session_table.h"
#include "browser/devtools/tab_port.h"
#include "browser/devtools/target_registry.h"

namespace sandtab::browser {
namespace {

constexpr auto kBrowser = TargetType::kBrowser;
constexpr auto kTab = TargetType::kTab;
constexpr auto kPage = TargetType::kPage;

}  // namespace

void TargetDomain::Register(CdpDispatcher& dispatcher) {
  auto bind = [this](void (TargetDomain::*method)(CdpSession&, const CdpCall&)) {
    return [this, method](CdpSession& session, const CdpCall& call) { (this->*method)(session, call); };
  };
  dispatcher.Add("Target.getBrowserContexts", {kBrowser}, [](CdpSession&, const CdpCall& call) {
    // Only the default context exists, and Chrome lists only the others.
    call.Reply({{"browserContextIds", Json::array()}});
  });
  dispatcher.Add("Target.setDiscoverTargets", {kBrowser}, bind(&TargetDomain::SetDiscoverTargets));
  dispatcher.Add("Target.setAutoAttach", {kBrowser, kTab, kPage}, bind(&TargetDomain::SetAutoAttach));
  dispatcher.Add("Target.attachToTarget", {kBrowser}, bind(&TargetDomain::AttachToTarget));
  dispatcher.Add("Target.attachToBrowserTarget", {kBrowser}, [this](CdpSession& session, const CdpCall& call) {
    CdpSession& attached = tree_.Attach(session, TargetType::kBrowser, context_.targets.browser_id());
    call.Reply({{"sessionId", attached.wire_id}});
  });
  dispatcher.Add("Target.detachFromTarget", {kBrowser}, bind(&TargetDomain::DetachFromTarget));
  dispatcher.Add("Target.createTarget", {kBrowser}, bind(&TargetDomain::CreateTarget));
  dispatcher.Add("Target.closeTarget", {kBrowser}, bind(&TargetDomain::CloseTarget));
  dispatcher.Add("Target.getTargetInfo", {kBrowser, kTab, kPage}, bind(&TargetDomain::GetTargetInfo));
  dispatcher.Add("Target.getTargets", {kBrowser}, bind(&TargetDomain::GetTargets));
  dispatcher.Add("Target.activateTarget", {kBrowser}, [this](CdpSession&, const CdpCall& call) {
    if (!context_.targets.ByTargetId(call.StringParam("targetId"))) {
      return call.Fail(kCdpServerError, "No target with given id found");
    }
    call.Reply(Json::object());
  });
  for (const char* event : {"Target.attachedToTarget", "Target.detachedFromTarget", "Target.targetCreated",
                            "Target.targetDestroyed", "Target.targetInfoChanged", "Target.targetCrashed"}) {
    dispatcher.AddEvent(event);
  }
}

void TargetDomain::SetDiscoverTargets(CdpSession& session, const CdpCall& call) {
  const bool discover = call.BoolParam("discover");
  const bool was = session.discover_targets;
  session.discover_targets = discover;
  if (discover && !was) tree_.AnnounceAll(session);
  call.Reply(Json::object());
}

void TargetDomain::SetAutoAttach(CdpSession& session, const CdpCall& call) {
  session.auto_attach = call.BoolParam("autoAttach");
  session.auto_attach_filter = call.params.contains("filter") ? call.params["filter"] : Json();
  if (session.auto_attach && !call.BoolParam("flatten") && session.type != TargetType::kPage) {
    session.auto_attach = false;
    return call.Fail(kCdpServerError, "Only flatten protocol is supported by sandtab");
  }
  // Existing targets are attached before the reply: clients count on it.
  if (session.auto_attach) tree_.AutoAttachExisting(session);
  call.Reply(Json::object());
}

void TargetDomain::AttachToTarget(CdpSession& session, const CdpCall& call) {
  const std::string target_id = call.StringParam("targetId");
  if (!call.BoolParam("flatten")) {
    return call.Fail(kCdpServerError, "Only flatten protocol is supported by sandtab");
  }
  TargetType type = TargetType::kPage;
  if (target_id == context_.targets.browser_id()) {
    type = TargetType::kBrowser;
  } else if (PageTarget* page = context_.targets.ByTargetId(target_id)) {
    type = target_id == page->tab_target_id ? TargetType::kTab : TargetType::kPage;
  } else {
    return call.Fail(kCdpServerError, "No target with given id found");
  }
  CdpSession& attached = tree_.Attach(session, type, target_id);
  call.Reply({{"sessionId", attached.wire_id}});
}

void TargetDomain::DetachFromTarget(CdpSession& session, const CdpCall& call) {
  CdpSession* detached = context_.sessions.Find(call.StringParam("sessionId"));
  if (!detached || detached->client != session.client || detached->wire_id.empty()) {
    return call.Fail(kCdpServerError, "No session with given id");
  }
  tree_.Detach(detached->key);
  call.Reply(Json::object());
}

void TargetDomain::CreateTarget(CdpSession&, const CdpCall& call) {
  std::string url = call.StringParam("url");
  if (url.empty()) url = "about:blank";
  if (call.params.contains("browserContextId") &&
      call.StringParam("browserContextId") != context_.targets.browser_context_id()) {
    return call.Fail(kCdpServerError, "Failed to find browser context with id " + call.StringParam("browserContextId"));
  }
  // Opening the tab announces it (DevToolsServer sees every tab open):
  // the attach events go out before this reply, as Playwright needs.
  auto tab_id = context_.tabs.Open(url);
  if (!tab_id) return call.Fail(kCdpServerError, "Failed to open a new tab: " + tab_id.error());
  PageTarget* page = context_.targets.ByTab(*tab_id);
  if (!page) return call.Fail(kCdpServerError, "Failed to open a new tab");
  call.Reply({{"targetId", page->page_id}});
}

void TargetDomain::CloseTarget(CdpSession&, const CdpCall& call) {
  PageTarget* page = context_.targets.ByTargetId(call.StringParam("targetId"));
  if (!page) return call.Fail(kCdpServerError, "No target with given id found");
  const int tab_id = page->tab_id;
  // The detach events go out while the tab closes, before this reply.
  if (Status closed = context_.tabs.Close(tab_id); !closed) return call.Fail(kCdpServerError, closed.error());
  call.Reply({{"success", true}});
}

void TargetDomain::GetTargetInfo(CdpSession& session, const CdpCall& call) {
  std::string target_id = call.StringParam("targetId");
  if (target_id.empty()) target_id = session.target_id;
  if (target_id == context_.targets.browser_id()) {
    return call.Reply({{"targetInfo", tree_.TargetInfo(TargetType::kBrowser, nullptr)}});
  }
  PageTarget* page = context_.targets.ByTargetId(target_id);
  if (!page) return call.Fail(kCdpServerError, "No target with given id found");
  const TargetType type = target_id == page->tab_target_id ? TargetType::kTab : TargetType::kPage;
  call.Reply({{"targetInfo", tree_.TargetInfo(type, page)}});
}

void TargetDomain::GetTargets(CdpSession&, const CdpCall& call) {
  Json infos = Json::array({tree_.TargetInfo(TargetType::kBrowser, nullptr)});
  for (PageTarget* page : context_.targets.Pages()) {
    infos.push_back(tree_.TargetInfo(TargetType::kTab, page));
    infos.push_back(tree_.TargetInfo(TargetType::kPage, page));
  }
  call.Reply({{"targetInfos", std::move(infos)}});
}

}  // namespace sandtab::browser
