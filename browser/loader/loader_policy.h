#ifndef SANDTAB_BROWSER_LOADER_LOADER_POLICY_H_
#define SANDTAB_BROWSER_LOADER_LOADER_POLICY_H_

#include <cstddef>
#include <string>

#include "browser/loader/address_space.h"
#include "browser/loader/url.h"

namespace sandtab::browser {

// The one table that says what the browser will fetch at all, whoever asks
// (DESIGN section 1). Every fetch passes through Check(); its decision names
// the rule, and that name reaches the broker log and the error page. What a
// given renderer may ask for on top of this is RendererGrants' question;
// where an http request may connect, the HttpFetcher's (Private Network
// Access, on the resolved address).
struct PolicyDecision {
  bool allowed = false;
  std::string rule;                // e.g. "file: only under the content root"
  std::string detail;              // why, for this URL: for the broker log and the user, never a renderer
  std::string root_relative_path;  // file: the path to open under the content root ("" is the root)
};

struct LoaderLimits {
  size_t max_body_bytes = 32u << 20;  // any scheme
  int max_redirects = 5;              // http
  int http_timeout_ms = 5000;         // http: connect + whole response
};

inline constexpr char kRuleFileUnderRoot[] = "file: only under the content root";
inline constexpr char kRuleBlockedPort[] = "blocked port";

class LoaderPolicy {
 public:
  explicit LoaderPolicy(std::string content_root, LoaderLimits limits = {}, AddressSpaceOverrides overrides = {});

  PolicyDecision Check(const Url& url) const;
  const LoaderLimits& limits() const { return limits_; }
  const std::string& content_root() const { return content_root_; }
  const AddressSpaceOverrides& address_space_overrides() const { return overrides_; }

 private:
  PolicyDecision CheckFile(const Url& url) const;

  std::string content_root_;  // canonical, no trailing slash
  std::string given_root_;    // as configured, dot segments removed (may differ through a symlink)
  LoaderLimits limits_;
  AddressSpaceOverrides overrides_;
};

// "/a/./b/../c" -> "/a/c", as the kernel would walk it without links; ".."
// at the top stays at "/". Lexical only: it touches no file.
std::string RemoveDotSegments(const std::string& absolute_path);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_LOADER_POLICY_H_
