#include "browser/devtools/session_table.h"

#include <algorithm>

namespace sandtab::browser {

CdpSession& SessionTable::Add(CdpSession session) {
  sessions_.push_back(std::make_unique<CdpSession>(std::move(session)));
  return *sessions_.back();
}

void SessionTable::Remove(std::string key) {
  std::erase_if(sessions_, [&](const std::unique_ptr<CdpSession>& session) { return session->key == key; });
}

CdpSession* SessionTable::Find(const std::string& key) {
  for (auto& session : sessions_) {
    if (session->key == key) return session.get();
  }
  return nullptr;
}

namespace {

template <typename Pred>
std::vector<CdpSession*> Select(std::vector<std::unique_ptr<CdpSession>>& sessions, Pred pred) {
  std::vector<CdpSession*> selected;
  for (auto& session : sessions) {
    if (pred(*session)) selected.push_back(session.get());
  }
  return selected;
}

}  // namespace

std::vector<CdpSession*> SessionTable::OnTarget(const std::string& target_id) {
  return Select(sessions_, [&](const CdpSession& session) { return session.target_id == target_id; });
}

std::vector<CdpSession*> SessionTable::OfClient(const CdpClient* client) {
  return Select(sessions_, [&](const CdpSession& session) { return session.client == client; });
}

std::vector<CdpSession*> SessionTable::Children(const std::string& parent_key) {
  return Select(sessions_, [&](const CdpSession& session) { return session.parent_key == parent_key; });
}

std::vector<CdpSession*> SessionTable::All() {
  return Select(sessions_, [](const CdpSession&) { return true; });
}

}  // namespace sandtab::browser
