#ifndef SANDTAB_BROWSER_STORAGE_SET_COOKIE_PARSER_H_
#define SANDTAB_BROWSER_STORAGE_SET_COOKIE_PARSER_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "base/result.h"
#include "browser/loader/url.h"
#include "browser/storage/cookie.h"

namespace sandtab::browser {

// The bounds browsers hold cookies to (RFC 6265bis section 5.6: name plus
// value at most 4096 bytes, an attribute value at most 1024), and a whole
// line no longer than Chrome's 4096 + attributes.
inline constexpr size_t kMaxCookieNameValueBytes = 4096;
inline constexpr size_t kMaxCookieAttributeValueBytes = 1024;
inline constexpr size_t kMaxSetCookieLineBytes = 8192;
// RFC 6265bis caps Max-Age and Expires at 400 days in the future.
inline constexpr int64_t kMaxCookieLifetimeMs = 400LL * 24 * 3600 * 1000;

// Whether a name is a public suffix ("com", "co.uk", "github.io"): a
// Domain attribute naming one is refused (RFC 6265 section 5.3 step 5).
using PublicSuffixCheck = std::function<bool(std::string_view domain)>;

// RFC 6265 section 5.2 and 5.3 (with 6265bis's SameSite, prefixes and
// bounds): one Set-Cookie line received from `url` at `now_ms` into the
// cookie it stores, or the rule that refuses it. Access rules that depend
// on the request (HttpOnly from scripts, SameSite on cross-site requests)
// are the CookieStore's.
Result<Cookie> ParseSetCookie(std::string_view line, const Url& url, int64_t now_ms,
                              const PublicSuffixCheck& is_public_suffix);

// The default path of a URL's path (RFC 6265 section 5.1.4).
std::string DefaultCookiePath(std::string_view url_path);
// RFC 6265 section 5.1.3 and 5.1.4: whether a cookie of `domain` and
// `path` may go to `host` and `request_path`.
bool DomainMatches(std::string_view host, std::string_view domain);
bool PathMatches(std::string_view request_path, std::string_view cookie_path);
// Secure cookies go to, and come from, secure URLs only: https, and
// loopback hosts, which Chrome counts as potentially trustworthy.
bool IsSecureCookieUrl(const Url& url);
// An IPv4 or IPv6 address (Url keeps the latter without brackets): matched
// whole, never as a domain.
bool IsIpAddress(const std::string& host);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_SET_COOKIE_PARSER_H_
