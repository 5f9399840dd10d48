#ifndef SANDTAB_BROWSER_DEVTOOLS_PAGE_LIFECYCLE_H_
#define SANDTAB_BROWSER_DEVTOOLS_PAGE_LIFECYCLE_H_

#include <chrono>
#include <memory>
#include <string>

#include "browser/devtools/cdp_session.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/target_registry.h"
#include "browser/devtools/target_tree.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

// A page's story told to its sessions in Chrome's order: a navigation
// (frameStartedLoading, lifecycle init with the new loader id, contexts
// cleared, frameNavigated, the new execution contexts, commit), its load
// (DOMContentLoaded, load, frameStoppedLoading, network idle) once the tab
// is loaded and painted, and a renderer's death and return
// (Inspector.targetCrashed, Target.targetCrashed with sandtab's death
// record, Inspector.targetReloadedAfterCrash). Each event goes only to the
// sessions that enabled its domain, as Chrome sends them.
class PageLifecycle {
 public:
  PageLifecycle(DevToolsContext& context, TargetTree& tree);

  // A new document is on its way in `page` (Page.navigate, a reload, a
  // tab just opened): the first half of the events now, the load events
  // when the tab says it is loaded.
  void BeginNavigation(PageTarget& page);
  // The contexts `session` should know of (Runtime.enable).
  void AnnounceContexts(const CdpSession& session, const PageTarget& page);
  // A world's context (Page.createIsolatedWorld), announced when new.
  int WorldContext(PageTarget& page, const std::string& world);
  void OnRendererGone(PageTarget& page, const proto::DeathRecord& record);

  // Chrome's status of a death (target_handler.cc's names) and its code.
  static const char* CrashStatus(const proto::DeathRecord& record);
  static int CrashErrorCode(const proto::DeathRecord& record);
  // sandtab's death record, the field no Chrome sends.
  static Json DeathRecordJson(const proto::DeathRecord& record);

 private:
  void WatchLoad(int tab_id, uint64_t navigation);
  void FinishLoad(PageTarget& page);
  void WatchReturn(int tab_id);
  void ToPageSessions(const PageTarget& page, const std::string& method, const Json& params,
                      bool CdpSession::*enabled = nullptr);
  void Lifecycle(const PageTarget& page, const std::string& name);
  Json ContextJson(const PageTarget& page, int id, const std::string& world) const;
  double Timestamp() const;

  DevToolsContext& context_;
  TargetTree& tree_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

// The frame object of Page.getFrameTree and Page.frameNavigated.
Json FrameJson(const PageTarget& page, const std::string& url);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_PAGE_LIFECYCLE_H_
