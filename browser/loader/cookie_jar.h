#ifndef SANDTAB_BROWSER_LOADER_COOKIE_JAR_H_
#define SANDTAB_BROWSER_LOADER_COOKIE_JAR_H_

#include <optional>
#include <string>
#include <string_view>

#include "browser/loader/site.h"
#include "browser/loader/url.h"

namespace sandtab::browser {

// How a request reaches a URL, as the cookie rules (RFC 6265bis section 5.2,
// "same-site" and "cross-site" requests) need it. The asker computes
// `same_site` from sites (DESIGN section 14); the jar knows no sites.
struct CookieAccess {
  // The request's initiator is of the URL's site, or it is the user's own
  // navigation (typed, `open`, `nav`), which is same-site to everything.
  bool same_site = true;
  // A document load of the tab, not a subresource or fetch(): a cross-site
  // one still carries SameSite=Lax cookies when its method is safe.
  bool top_level_navigation = false;
  bool safe_method = true;  // GET, not POST
  // document.cookie: HttpOnly cookies are neither shown nor set.
  bool from_script = false;
};

// Who a request is made for, as the cookie rules see it. Each hop of a
// redirect chain is judged on its own URL.
struct CookieRequester {
  // The site of the document the request comes from (there are no frames:
  // the tab's document is the top level); nullopt for the user's own
  // navigation.
  std::optional<Site> initiator_site;
  bool top_level_navigation = false;

  CookieAccess AccessFor(const Url& url, bool safe_method) const {
    CookieAccess access;
    access.same_site = !initiator_site || *initiator_site == SiteForUrl(url);
    access.top_level_navigation = top_level_navigation;
    access.safe_method = safe_method;
    return access;
  }
};

// The HTTP stack's door to the cookies (they live in browser/storage/, a
// room above the loader that implements this): what to send on a request,
// and what a response's Set-Cookie lines store.
class CookieJar {
 public:
  virtual ~CookieJar() = default;
  // The value of the Cookie header for `url`, empty when none matches.
  virtual std::string CookieHeaderFor(const Url& url, const CookieAccess& access) = 0;
  // One Set-Cookie line of the response from `url`. A line the rules refuse
  // is ignored, as browsers do; the reason is the jar's to log.
  virtual void StoreFromResponse(const Url& url, std::string_view set_cookie, const CookieAccess& access) = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_COOKIE_JAR_H_
