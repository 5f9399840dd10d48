#include "browser/tab/site_lock.h"

namespace sandtab::browser {

bool SiteLock::NeedsNewProcess(const Site& site) const {
  if (site.opaque()) return false;  // stays where it was opened
  if (locked()) return site != site_;
  return used_;
}

void SiteLock::Commit(const Site& site) {
  if (!locked() && !site.opaque() && !used_) site_ = site;
  used_ = true;
}

std::string SiteLock::ToString() const {
  if (locked()) return site_.ToString();
  return used_ ? "unlocked" : "none";
}

Status SiteLock::CheckDocument(const Site& site, const char* message) const {
  if (!locked() || site.opaque() || site == site_) return OkStatus();
  return Error{std::string(message) + ": " + kRuleDocumentOfLockedSite + " (" + site.ToString() + ", locked to " +
               site_.ToString() + ")"};
}

}  // namespace sandtab::browser
