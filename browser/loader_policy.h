#ifndef SANDTAB_BROWSER_LOADER_POLICY_H_
#define SANDTAB_BROWSER_LOADER_POLICY_H_

#include <cstddef>
#include <string>

#include "browser/url.h"

namespace sandtab::browser {

// The one table that says what the browser will fetch for a renderer
// (DESIGN section 1). Every fetch passes through Check(); its decision names
// the rule, and that name reaches the broker log and the error page.
struct PolicyDecision {
  bool allowed = false;
  std::string rule;           // e.g. "file: only under the content root"
  std::string detail;         // why, for this URL
  std::string resolved_path;  // file: the canonical path to open
};

struct LoaderLimits {
  size_t max_body_bytes = 32u << 20;  // any scheme
  int max_redirects = 5;              // http
  int http_timeout_ms = 5000;         // http: connect + whole response
};

class LoaderPolicy {
 public:
  explicit LoaderPolicy(std::string content_root, LoaderLimits limits = {});

  PolicyDecision Check(const Url& url) const;
  const LoaderLimits& limits() const { return limits_; }
  const std::string& content_root() const { return content_root_; }

 private:
  PolicyDecision CheckFile(const Url& url) const;

  std::string content_root_;  // canonical, no trailing slash
  LoaderLimits limits_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_POLICY_H_
