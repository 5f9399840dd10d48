#ifndef SANDTAB_BROWSER_DEVTOOLS_CDP_SESSION_H_
#define SANDTAB_BROWSER_DEVTOOLS_CDP_SESSION_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sandtab::browser {

using Json = nlohmann::json;

class CdpClient;

enum class TargetType { kBrowser, kTab, kPage };
const char* TargetTypeName(TargetType type);

// One CDP session: a client's view of one target. A WebSocket has a root
// session (no wire id: messages without "sessionId") and any number of
// flat ones (Target.attachToTarget, auto-attach), each naming its parent,
// the session whose Target.attachedToTarget announced it.
struct CdpSession {
  std::string key;      // unique in SessionTable; equals wire_id for flat sessions
  std::string wire_id;  // "" for a root session
  std::string parent_key;
  std::string target_id;
  TargetType type = TargetType::kPage;
  CdpClient* client = nullptr;

  bool page_enabled = false;
  bool runtime_enabled = false;
  bool lifecycle_enabled = false;
  bool discover_targets = false;
  bool auto_attach = false;
  Json auto_attach_filter;  // Target.setAutoAttach's filter (null: Chrome's default)
  // Page.crash commands, answered "Target crashed" when the page is back.
  std::vector<int64_t> pending_crash_ids;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_CDP_SESSION_H_
