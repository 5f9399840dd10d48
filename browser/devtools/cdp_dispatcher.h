#ifndef SANDTAB_BROWSER_DEVTOOLS_CDP_DISPATCHER_H_
#define SANDTAB_BROWSER_DEVTOOLS_CDP_DISPATCHER_H_

#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <string>

#include "browser/devtools/cdp_client.h"
#include "browser/devtools/cdp_session.h"

namespace sandtab::browser {

// The served subset: which "Domain.method" runs which handler on which
// kinds of session, and which events may be sent. /json/protocol is made
// from the same table, so it describes exactly what is served.
class CdpDispatcher {
 public:
  using Handler = std::function<void(CdpSession& session, const CdpCall& call)>;

  void Add(const std::string& method, std::initializer_list<TargetType> on, Handler handler);
  void AddEvent(const std::string& event);
  // Runs the handler, or answers Chrome's "'X.y' wasn't found" for a method
  // not served on this kind of session.
  void Dispatch(CdpSession& session, const CdpCall& call) const;
  bool Serves(const std::string& method, TargetType on) const;
  // {"version":{"major":"1","minor":"3"},"domains":[{"domain","commands","events"}]}
  Json ProtocolDescriptor() const;

 private:
  struct Entry {
    std::set<TargetType> on;
    Handler handler;
  };
  std::map<std::string, Entry> methods_;
  std::set<std::string> events_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_CDP_DISPATCHER_H_
