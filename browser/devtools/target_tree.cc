#include "browser/devtools/target_tree.h"

#include <vector>

#include "browser/devtools/cdp_client.h"
#include "browser/devtools/session_table.h"
#include "browser/devtools/tab_port.h"

namespace sandtab::browser {

bool TargetTree::FilterAdmits(const Json& filter, TargetType type) {
  // Chrome's default: everything but the browser and tab targets.
  static const Json kDefault = Json::parse(R"([{"type":"browser","exclude":true},{"type":"tab","exclude":true},{}])");
  const Json& entries = filter.is_array() && !filter.empty() ? filter : kDefault;
  for (const Json& entry : entries) {
    if (!entry.is_object()) continue;
    const bool typed = entry.contains("type") && entry["type"].is_string();
    if (typed && entry["type"].get<std::string>() != TargetTypeName(type)) continue;
    return !(entry.contains("exclude") && entry["exclude"].is_boolean() && entry["exclude"].get<bool>());
  }
  return false;
}

Json TargetTree::TargetInfo(TargetType type, const PageTarget* page) {
  std::string id = context_.targets.browser_id();
  std::string url, title;
  if (page) {
    id = type == TargetType::kTab ? page->tab_target_id : page->page_id;
    if (auto view = context_.tabs.View(page->tab_id)) {
      url = view->url;
      title = view->title.empty() ? view->url : view->title;
    }
  }
  Json info = {{"targetId", id},
               {"type", TargetTypeName(type)},
               {"title", title},
               {"url", url},
               {"attached", !context_.sessions.OnTarget(id).empty()},
               {"canAccessOpener", false}};
  if (page) info["browserContextId"] = context_.targets.browser_context_id();
  return info;
}

CdpSession& TargetTree::Attach(CdpSession& parent, TargetType type, const std::string& target_id) {
  CdpSession session;
  session.key = session.wire_id = context_.targets.NewId();
  session.parent_key = parent.key;
  session.target_id = target_id;
  session.type = type;
  session.client = parent.client;
  CdpSession& added = context_.sessions.Add(std::move(session));
  Json info = TargetInfo(type, type == TargetType::kBrowser ? nullptr : context_.targets.ByTargetId(target_id));
  EmitEvent(parent, "Target.attachedToTarget",
            {{"sessionId", added.wire_id}, {"targetInfo", std::move(info)}, {"waitingForDebugger", false}});
  return added;
}

void TargetTree::Detach(const std::string& session_key) {
  for (CdpSession* child : context_.sessions.Children(session_key)) Detach(child->key);
  CdpSession* session = context_.sessions.Find(session_key);
  if (!session) return;
  const std::string wire_id = session->wire_id, target_id = session->target_id;
  CdpSession* parent = context_.sessions.Find(session->parent_key);
  context_.sessions.Remove(session_key);
  if (parent) EmitEvent(*parent, "Target.detachedFromTarget", {{"sessionId", wire_id}, {"targetId", target_id}});
}

void TargetTree::AutoAttachPage(CdpSession& session, PageTarget& page) {
  // One session per target and parent, however often auto-attach is asked.
  auto already = [&](const std::string& target_id) {
    for (CdpSession* child : context_.sessions.Children(session.key)) {
      if (child->target_id == target_id) return true;
    }
    return false;
  };
  if (session.type == TargetType::kBrowser) {
    if (FilterAdmits(session.auto_attach_filter, TargetType::kTab)) {
      if (!already(page.tab_target_id)) Attach(session, TargetType::kTab, page.tab_target_id);
    } else if (FilterAdmits(session.auto_attach_filter, TargetType::kPage)) {
      if (!already(page.page_id)) Attach(session, TargetType::kPage, page.page_id);
    }
  } else if (session.type == TargetType::kTab && session.target_id == page.tab_target_id) {
    if (FilterAdmits(session.auto_attach_filter, TargetType::kPage) && !already(page.page_id)) {
      Attach(session, TargetType::kPage, page.page_id);
    }
  }
}

void TargetTree::AutoAttachExisting(CdpSession& session) {
  if (session.type == TargetType::kPage) return;  // a page has no child targets in sandtab
  for (PageTarget* page : context_.targets.Pages()) AutoAttachPage(session, *page);
}

void TargetTree::AnnounceAll(CdpSession& session) {
  EmitEvent(session, "Target.targetCreated", {{"targetInfo", TargetInfo(TargetType::kBrowser, nullptr)}});
  for (PageTarget* page : context_.targets.Pages()) {
    EmitEvent(session, "Target.targetCreated", {{"targetInfo", TargetInfo(TargetType::kTab, page)}});
    EmitEvent(session, "Target.targetCreated", {{"targetInfo", TargetInfo(TargetType::kPage, page)}});
  }
}

void TargetTree::ToDiscoverers(const std::string& method, const Json& params) {
  for (CdpSession* session : context_.sessions.All()) {
    if (session->discover_targets) EmitEvent(*session, method, params);
  }
}

void TargetTree::OnPageAdded(PageTarget& page) {
  ToDiscoverers("Target.targetCreated", {{"targetInfo", TargetInfo(TargetType::kTab, &page)}});
  ToDiscoverers("Target.targetCreated", {{"targetInfo", TargetInfo(TargetType::kPage, &page)}});
  // Browser sessions first: a tab session made now auto-attaches its page
  // only once its client asks (Target.setAutoAttach on it).
  for (CdpSession* session : context_.sessions.All()) {
    if (session->auto_attach && session->type == TargetType::kBrowser) AutoAttachPage(*session, page);
  }
}

void TargetTree::OnPageChanged(PageTarget& page) {
  ToDiscoverers("Target.targetInfoChanged", {{"targetInfo", TargetInfo(TargetType::kPage, &page)}});
}

void TargetTree::OnPageRemoved(PageTarget& page) {
  // Keys, not pointers: detaching a session removes the ones under it.
  std::vector<std::string> keys;
  for (const std::string* target_id : {&page.page_id, &page.tab_target_id}) {
    for (CdpSession* session : context_.sessions.OnTarget(*target_id)) keys.push_back(session->key);
  }
  for (const std::string& key : keys) {
    CdpSession* session = context_.sessions.Find(key);
    if (!session) continue;
    if (!session->wire_id.empty()) {
      Detach(key);
      continue;
    }
    // A page WebSocket: Chrome says why, then closes it.
    EmitEvent(*session, "Inspector.detached", {{"reason", "target_closed"}});
    session->client->Close();
  }
  ToDiscoverers("Target.targetDestroyed", {{"targetId", page.page_id}});
  ToDiscoverers("Target.targetDestroyed", {{"targetId", page.tab_target_id}});
}

}  // namespace sandtab::browser
