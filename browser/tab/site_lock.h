#ifndef SANDTAB_BROWSER_TAB_SITE_LOCK_H_
#define SANDTAB_BROWSER_TAB_SITE_LOCK_H_

#include <string>

#include "base/result.h"
#include "browser/loader/site.h"

namespace sandtab::browser {

// The site one renderer process is locked to (DESIGN section 14, Chrome's
// ProcessLock). A process starts fresh; the first document of a site the
// browser sends it locks it to that site for the rest of its life. An opaque
// document (data:, about:blank) locks nothing, but the process is no longer
// fresh: a page it ran may have compromised it, so no site is given to it
// afterwards.
//
//   the process        an opaque document    a document of site S
//   fresh              keeps it (used)       keeps it, locked to S
//   used, unlocked     keeps it              a new process
//   locked to S        keeps it              keeps it
//   locked to T != S   keeps it              a new process
class SiteLock {
 public:
  // Whether a document of `site` must be committed in another process.
  bool NeedsNewProcess(const Site& site) const;
  // The browser sends this process a document of `site` (NeedsNewProcess was false).
  void Commit(const Site& site);

  bool locked() const { return !site_.opaque(); }
  const Site& site() const { return site_; }  // opaque while unlocked
  // "http://example.com"; "none" for a process that has shown nothing,
  // "unlocked" for one that has shown only opaque documents.
  std::string ToString() const;

  // The Citadel check of a document URL a locked renderer names: one of
  // another site is a lie about what it shows, a bad message with the rule
  // named (kRuleDocumentOfLockedSite). Opaque documents and unlocked
  // processes pass: what they may ask is the tab's other rules' to say.
  Status CheckDocument(const Site& site, const char* message) const;

 private:
  Site site_ = Site::Opaque();
  bool used_ = false;
};

inline constexpr char kRuleDocumentOfLockedSite[] = "documents of the renderer's locked site only";

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_SITE_LOCK_H_
