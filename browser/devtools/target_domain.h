#ifndef SANDTAB_BROWSER_DEVTOOLS_TARGET_DOMAIN_H_
#define SANDTAB_BROWSER_DEVTOOLS_TARGET_DOMAIN_H_

#include "browser/devtools/cdp_dispatcher.h"
#include "browser/devtools/devtools_context.h"
#include "browser/devtools/target_tree.h"

namespace sandtab::browser {

// The Target domain: discovery, flat sessions and auto-attach (through
// TargetTree), and opening and closing pages, which are sandtab's tabs.
class TargetDomain {
 public:
  TargetDomain(DevToolsContext& context, TargetTree& tree) : context_(context), tree_(tree) {}
  void Register(CdpDispatcher& dispatcher);

 private:
  void SetDiscoverTargets(CdpSession& session, const CdpCall& call);
  void SetAutoAttach(CdpSession& session, const CdpCall& call);
  void AttachToTarget(CdpSession& session, const CdpCall& call);
  void DetachFromTarget(CdpSession& session, const CdpCall& call);
  void CreateTarget(CdpSession& session, const CdpCall& call);
  void CloseTarget(CdpSession& session, const CdpCall& call);
  void GetTargetInfo(CdpSession& session, const CdpCall& call);
  void GetTargets(CdpSession& session, const CdpCall& call);

  DevToolsContext& context_;
  TargetTree& tree_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_TARGET_DOMAIN_H_
