#ifndef SANDTAB_BROWSER_LOADER_SITE_H_
#define SANDTAB_BROWSER_LOADER_SITE_H_

#include <string>
#include <string_view>

#include "browser/loader/url.h"

namespace sandtab::browser {

// A site as DESIGN section 14 defines it: what a renderer process is locked
// to and what the browser keys a renderer's cookies and storage by. Two URLs
// are same-site when their sites compare equal.
//
// An opaque site (a data: or about:blank document) has no place of its own:
// its document stays in the process that opened it, and it is equal to no
// site, not even another opaque one, so nothing may be stored for it.
class Site {
 public:
  static Site Opaque() { return Site(std::string()); }
  // The text form is the site itself ("http://example.com"); "" is opaque.
  static Site FromText(std::string text) { return Site(std::move(text)); }

  bool opaque() const { return text_.empty(); }
  // "http://example.com", "http://127.0.0.1", "http://[::1]", "file://",
  // "sandtab://pages", "about:"; "opaque" for an opaque site.
  std::string ToString() const { return opaque() ? "opaque" : text_; }

  friend bool operator==(const Site& a, const Site& b) { return !a.opaque() && a.text_ == b.text_; }
  friend bool operator!=(const Site& a, const Site& b) { return !(a == b); }

 private:
  explicit Site(std::string text) : text_(std::move(text)) {}

  std::string text_;
};

// The site of a URL: scheme plus registrable domain (the public-suffix list,
// through libpsl) for http and https, the address itself for an IP address,
// the whole host when it is a public suffix itself ("localhost", "github.io");
// ports never count. Every file:// URL is one site, except the pages under
// `content_root` (what sandtab://pages/ names), which are the site
// "sandtab://pages". about:blank and data: are opaque; the browser's other
// about: pages are the site "about:". Any other scheme is opaque.
Site SiteForUrl(const Url& url, std::string_view content_root = {});

// The same for a URL's text; a URL that does not parse is opaque.
Site SiteForSpec(std::string_view spec, std::string_view content_root = {});

// Whether a domain is a public suffix ("com", "co.uk", "github.io", and any
// name under no listed suffix, "localhost"), by the same list: a cookie's
// Domain attribute may not name one (RFC 6265 section 5.3 step 5).
bool IsPublicSuffix(std::string_view domain);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_SITE_H_
