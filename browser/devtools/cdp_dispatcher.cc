#include "browser/devtools/cdp_dispatcher.h"

namespace sandtab::browser {

void CdpDispatcher::Add(const std::string& method, std::initializer_list<TargetType> on, Handler handler) {
  methods_[method] = Entry{std::set<TargetType>(on), std::move(handler)};
}

void CdpDispatcher::AddEvent(const std::string& event) { events_.insert(event); }

bool CdpDispatcher::Serves(const std::string& method, TargetType on) const {
  auto it = methods_.find(method);
  return it != methods_.end() && it->second.on.count(on) != 0;
}

void CdpDispatcher::Dispatch(CdpSession& session, const CdpCall& call) const {
  auto it = methods_.find(call.method);
  if (it == methods_.end() || it->second.on.count(session.type) == 0) {
    return call.Fail(kCdpMethodNotFound, "'" + call.method + "' wasn't found");
  }
  it->second.handler(session, call);
}

namespace {

// "Page.navigate" -> {"Page", "navigate"}.
std::pair<std::string, std::string> Split(const std::string& name) {
  const size_t dot = name.find('.');
  return {name.substr(0, dot), dot == std::string::npos ? "" : name.substr(dot + 1)};
}

}  // namespace

Json CdpDispatcher::ProtocolDescriptor() const {
  std::map<std::string, Json> domains;
  auto domain = [&](const std::string& name) -> Json& {
    Json& entry = domains[name];
    if (entry.is_null()) {
      entry = Json{{"domain", name}, {"commands", Json::array()}, {"events", Json::array()}, {"types", Json::array()}};
    }
    return entry;
  };
  for (const auto& [method, entry] : methods_) {
    auto [name, command] = Split(method);
    domain(name)["commands"].push_back(Json{{"name", command}});
  }
  for (const std::string& event : events_) {
    auto [name, short_name] = Split(event);
    domain(name)["events"].push_back(Json{{"name", short_name}});
  }
  Json list = Json::array();
  for (auto& [name, entry] : domains) list.push_back(std::move(entry));
  return Json{{"version", {{"major", "1"}, {"minor", "3"}}}, {"domains", std::move(list)}};
}

}  // namespace sandtab::browser
