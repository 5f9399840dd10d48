#include "browser/devtools/page_lifecycle.h"

#include <boost/asio/post.hpp>
#include <vector>

#include "browser/devtools/cdp_client.h"
#include "browser/devtools/session_table.h"
#include "browser/devtools/tab_port.h"

namespace sandtab::browser {
namespace {

// "http://a.test:8080/x" -> "http://a.test:8080"; about:, data: -> "://" (Chrome's opaque origin text).
std::string SecurityOrigin(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "://";
  const size_t path = url.find('/', scheme_end + 3);
  return url.substr(0, path);
}

}  // namespace

Json FrameJson(const PageTarget& page, const std::string& url) {
  return {{"id", page.page_id},
          {"loaderId", page.loader_id},
          {"url", url},
          {"domainAndRegistry", ""},
          {"securityOrigin", SecurityOrigin(url)},
          {"mimeType", "text/html"},
          {"adFrameStatus", {{"adFrameType", "none"}}},
          {"secureContextType", "InsecureScheme"},
          {"crossOriginIsolatedContextType", "NotIsolated"},
          {"gatedAPIFeatures", Json::array()}};
}

PageLifecycle::PageLifecycle(DevToolsContext& context, TargetTree& tree) : context_(context), tree_(tree) {}

double PageLifecycle::Timestamp() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void PageLifecycle::ToPageSessions(const PageTarget& page, const std::string& method, const Json& params,
                                   bool CdpSession::*enabled) {
  for (CdpSession* session : context_.sessions.OnTarget(page.page_id)) {
    if (!enabled || session->*enabled) EmitEvent(*session, method, params);
  }
}

void PageLifecycle::Lifecycle(const PageTarget& page, const std::string& name) {
  ToPageSessions(page, "Page.lifecycleEvent",
                 {{"frameId", page.page_id}, {"loaderId", page.loader_id}, {"name", name}, {"timestamp", Timestamp()}},
                 &CdpSession::lifecycle_enabled);
}

Json PageLifecycle::ContextJson(const PageTarget& page, int id, const std::string& world) const {
  const auto view = context_.tabs.View(page.tab_id);
  const bool main = world.empty();
  return {{"id", id},
          {"origin", SecurityOrigin(view ? view->url : "")},
          {"name", world},
          {"uniqueId", page.loader_id + "." + std::to_string(id)},
          {"auxData", {{"isDefault", main}, {"type", main ? "default" : "isolated"}, {"frameId", page.page_id}}}};
}

void PageLifecycle::AnnounceContexts(const CdpSession& session, const PageTarget& page) {
  EmitEvent(session, "Runtime.executionContextCreated", {{"context", ContextJson(page, page.main_context_id, "")}});
  for (const auto& [world, id] : page.world_contexts) {
    EmitEvent(session, "Runtime.executionContextCreated", {{"context", ContextJson(page, id, world)}});
  }
}

int PageLifecycle::WorldContext(PageTarget& page, const std::string& world) {
  if (auto it = page.world_contexts.find(world); it != page.world_contexts.end()) return it->second;
  const int id = context_.targets.NewContextId();
  page.world_contexts[world] = id;
  ToPageSessions(page, "Runtime.executionContextCreated", {{"context", ContextJson(page, id, world)}},
                 &CdpSession::runtime_enabled);
  return id;
}

void PageLifecycle::BeginNavigation(PageTarget& page) {
  context_.targets.BeginDocument(page);
  const auto view = context_.tabs.View(page.tab_id);
  const std::string url = view ? view->url : "";
  ToPageSessions(page, "Page.frameStartedLoading", {{"frameId", page.page_id}}, &CdpSession::page_enabled);
  Lifecycle(page, "init");
  ToPageSessions(page, "Runtime.executionContextsCleared", Json::object(), &CdpSession::runtime_enabled);
  ToPageSessions(page, "Page.frameNavigated", {{"frame", FrameJson(page, url)}, {"type", "Navigation"}},
                 &CdpSession::page_enabled);
  for (CdpSession* session : context_.sessions.OnTarget(page.page_id)) {
    if (session->runtime_enabled) AnnounceContexts(*session, page);
  }
  Lifecycle(page, "commit");
  WatchLoad(page.tab_id, page.navigation);
}

void PageLifecycle::WatchLoad(int tab_id, uint64_t navigation) {
  context_.tabs.WaitLoaded(tab_id, context_.load_timeout_seconds, [this, tab_id, navigation](bool loaded) {
    PageTarget* page = context_.targets.ByTab(tab_id);
    // A later navigation or a crash tells its own story.
    if (!loaded || !page || page->navigation != navigation || page->crashed) return;
    FinishLoad(*page);
  });
}

void PageLifecycle::FinishLoad(PageTarget& page) {
  Lifecycle(page, "DOMContentLoaded");
  const Json timestamp = {{"timestamp", Timestamp()}};
  ToPageSessions(page, "Page.domContentEventFired", timestamp, &CdpSession::page_enabled);
  Lifecycle(page, "load");
  ToPageSessions(page, "Page.loadEventFired", timestamp, &CdpSession::page_enabled);
  ToPageSessions(page, "Page.frameStoppedLoading", {{"frameId", page.page_id}}, &CdpSession::page_enabled);
  Lifecycle(page, "networkAlmostIdle");
  Lifecycle(page, "networkIdle");
  tree_.OnPageChanged(page);
}

const char* PageLifecycle::CrashStatus(const proto::DeathRecord& record) {
  switch (record.cause()) {
    case proto::DeathRecord::CRASHED:
    case proto::DeathRecord::SANDBOX_VIOLATION:
      return "crashed";
    case proto::DeathRecord::KILLED_BY_USER:
    case proto::DeathRecord::BAD_MESSAGE:
    case proto::DeathRecord::UNRESPONSIVE:
      return "killed";
    case proto::DeathRecord::OUT_OF_MEMORY:
      return "oom";
    case proto::DeathRecord::LAUNCH_FAILED:
      return "failed to launch";
    case proto::DeathRecord::EXITED:
      return record.exit_code() == 0 ? "normal" : "abnormal";
    default:
      return "abnormal";
  }
}

// Chrome on Linux reports the raw wait status; ours from the record.
int PageLifecycle::CrashErrorCode(const proto::DeathRecord& record) {
  return record.signal() != 0 ? record.signal() : (record.exit_code() & 0xff) << 8;
}

Json PageLifecycle::DeathRecordJson(const proto::DeathRecord& record) {
  return {{"pid", record.pid()},       {"cause", proto::DeathRecord::Cause_Name(record.cause())},
          {"signal", record.signal()}, {"exitCode", record.exit_code()},
          {"detail", record.detail()}, {"restartDecision", record.restart_decision()},
          {"timeMs", record.time_ms()}};
}

void PageLifecycle::OnRendererGone(PageTarget& page, const proto::DeathRecord& record) {
  page.crashed = true;
  const Json death = DeathRecordJson(record);
  // Every session on the page, Inspector.enable or not (Chrome's rule).
  ToPageSessions(page, "Inspector.targetCrashed", {{"sandtabDeathRecord", death}});
  const Json crashed = {{"targetId", page.page_id},
                        {"status", CrashStatus(record)},
                        {"errorCode", CrashErrorCode(record)},
                        {"sandtabDeathRecord", death}};
  for (CdpSession* session : context_.sessions.All()) {
    if (session->discover_targets) EmitEvent(*session, "Target.targetCrashed", crashed);
  }
  // The tab marks itself crashed after the death is recorded: wait from
  // the next turn of the loop, or its last frame would count as the return.
  boost::asio::post(context_.io, [this, alive = std::weak_ptr<const bool>(alive_), tab_id = page.tab_id] {
    if (alive.lock()) WatchReturn(tab_id);
  });
}

void PageLifecycle::WatchReturn(int tab_id) {
  if (!context_.targets.ByTab(tab_id)) return;
  context_.tabs.WaitLoaded(tab_id, context_.return_timeout_seconds, [this, tab_id](bool loaded) {
    PageTarget* page = context_.targets.ByTab(tab_id);
    if (!page || !page->crashed) return;
    if (!loaded) return WatchReturn(tab_id);  // still down (a crash loop holds it): keep watching
    page->crashed = false;
    for (CdpSession* session : context_.sessions.OnTarget(page->page_id)) {
      EmitEvent(*session, "Inspector.targetReloadedAfterCrash");
      // Chrome fails what was queued for the dead renderer.
      for (int64_t id : session->pending_crash_ids) {
        session->client->SendError(session->wire_id, id, kCdpServerError, "Target crashed");
      }
      session->pending_crash_ids.clear();
    }
    BeginNavigation(*page);
  });
}

}  // namespace sandtab::browser
