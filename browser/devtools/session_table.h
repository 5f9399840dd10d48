#ifndef SANDTAB_BROWSER_DEVTOOLS_SESSION_TABLE_H_
#define SANDTAB_BROWSER_DEVTOOLS_SESSION_TABLE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "browser/devtools/cdp_session.h"

namespace sandtab::browser {

// Every CDP session of every connected client, by key: events about a
// target go to the sessions on it, whichever WebSocket they came by.
class SessionTable {
 public:
  CdpSession& Add(CdpSession session);
  // By value: callers pass a session's own key (`Remove(session->key)`),
  // which the erasing frees while the other sessions are still compared to it.
  void Remove(std::string key);
  CdpSession* Find(const std::string& key);
  // Sessions on `target_id`, in the order they were made.
  std::vector<CdpSession*> OnTarget(const std::string& target_id);
  std::vector<CdpSession*> OfClient(const CdpClient* client);
  std::vector<CdpSession*> Children(const std::string& parent_key);
  std::vector<CdpSession*> All();
  size_t size() const { return sessions_.size(); }

 private:
  // Kept in creation order (a std::map by key would sort random ids).
  std::vector<std::unique_ptr<CdpSession>> sessions_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_SESSION_TABLE_H_
