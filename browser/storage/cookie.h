#ifndef SANDTAB_BROWSER_STORAGE_COOKIE_H_
#define SANDTAB_BROWSER_STORAGE_COOKIE_H_

#include <cstdint>
#include <optional>
#include <string>

namespace sandtab::browser {

enum class SameSite { kStrict, kLax, kNone };
const char* SameSiteName(SameSite same_site);

// One stored cookie (RFC 6265 section 5.3's record). Times are milliseconds
// since the Unix epoch.
struct Cookie {
  std::string name;
  std::string value;
  std::string domain;     // lower case, no leading dot
  std::string path;       // starts with '/'
  bool host_only = true;  // no Domain attribute: this host only, not its subdomains
  bool secure = false;
  bool http_only = false;
  SameSite same_site = SameSite::kLax;  // Chrome's default when the attribute is absent
  std::optional<int64_t> expiry_ms;     // nullopt: a session cookie, gone with the browser
  int64_t creation_ms = 0;
  int64_t last_access_ms = 0;

  bool persistent() const { return expiry_ms.has_value(); }
  bool ExpiredAt(int64_t now_ms) const { return expiry_ms && *expiry_ms <= now_ms; }
  // The identity a new cookie replaces (RFC 6265 section 5.3 step 11).
  bool SameIdentity(const Cookie& other) const {
    return name == other.name && domain == other.domain && path == other.path;
  }
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_COOKIE_H_
