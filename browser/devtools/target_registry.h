#ifndef SANDTAB_BROWSER_DEVTOOLS_TARGET_REGISTRY_H_
#define SANDTAB_BROWSER_DEVTOOLS_TARGET_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "browser/devtools/cdp_session.h"

namespace sandtab::browser {

// One sandtab tab as CDP sees it: a "tab" target holding a "page" target
// whose id is also its main frame's id (as in Chrome), the current
// document's loader id and its execution contexts.
struct PageTarget {
  int tab_id = 0;
  std::string page_id;
  std::string tab_target_id;
  std::string loader_id;
  int main_context_id = 0;
  std::map<std::string, int> world_contexts;  // isolated world name -> context id
  // Worlds a client asked for on every new document
  // (Page.addScriptToEvaluateOnNewDocument's worldName), as Chrome recreates them.
  std::set<std::string> registered_worlds;
  uint64_t navigation = 0;  // bumped per navigation: stale load callbacks see it
  bool crashed = false;
};

// Which targets exist: the browser target, and a tab and a page target per
// tab. Ids are Chrome's shape (32 upper-case hex digits).
class TargetRegistry {
 public:
  // `seed` makes the ids reproducible in tests; 0 seeds from the system.
  explicit TargetRegistry(uint64_t seed = 0);

  const std::string& browser_id() const { return browser_id_; }
  const std::string& browser_context_id() const { return browser_context_id_; }

  PageTarget& Add(int tab_id);
  void Remove(int tab_id);
  PageTarget* ByTab(int tab_id);
  // A page or a tab target's id.
  PageTarget* ByTargetId(const std::string& target_id);
  // In tab order (the order tabs were opened).
  std::vector<PageTarget*> Pages();

  std::string NewId();
  int NewContextId() { return next_context_id_++; }
  // A new document in `page`: a new loader id and main-world context; the
  // isolated worlds start afresh (the registered ones with new ids).
  void BeginDocument(PageTarget& page);

 private:
  std::mt19937_64 random_;
  std::string browser_id_;
  std::string browser_context_id_;
  std::map<int, std::unique_ptr<PageTarget>> pages_;
  int next_context_id_ = 1;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_TARGET_REGISTRY_H_
