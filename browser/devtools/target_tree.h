#ifndef SANDTAB_BROWSER_DEVTOOLS_TARGET_TREE_H_
#define SANDTAB_BROWSER_DEVTOOLS_TARGET_TREE_H_

#include <string>

#include "browser/devtools/cdp_session.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/target_registry.h"

namespace sandtab::browser {

// The target tree as clients watch it: Chrome's TargetInfo of each target,
// sessions attached to targets (Target.attachedToTarget on the parent
// session, before the command that caused it is answered), auto-attach
// with its filters, and what discoverers and attached sessions are told
// when a tab opens or closes.
class TargetTree {
 public:
  explicit TargetTree(DevToolsContext& context) : context_(context) {}

  // Chrome's TargetInfo. `page` is null for the browser target.
  Json TargetInfo(TargetType type, const PageTarget* page);
  // A new flat session on `target_id` under `parent`; announced on it.
  CdpSession& Attach(CdpSession& parent, TargetType type, const std::string& target_id);
  // Removes `session` (and the sessions under it), each announced by
  // Target.detachedFromTarget on its parent.
  void Detach(const std::string& session_key);
  // Target.setAutoAttach: attaches what `session` should see now.
  void AutoAttachExisting(CdpSession& session);
  // Target.setDiscoverTargets: targetCreated for every target.
  void AnnounceAll(CdpSession& session);
  void OnPageAdded(PageTarget& page);
  void OnPageRemoved(PageTarget& page);
  // targetInfoChanged to discoverers (a new URL or title).
  void OnPageChanged(PageTarget& page);

  // Whether an auto-attach `filter` (Chrome's TargetFilter) admits `type`:
  // the first entry whose type matches (or has none) decides.
  static bool FilterAdmits(const Json& filter, TargetType type);

 private:
  void AutoAttachPage(CdpSession& session, PageTarget& page);
  void ToDiscoverers(const std::string& method, const Json& params);

  DevToolsContext& context_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_TARGET_TREE_H_
