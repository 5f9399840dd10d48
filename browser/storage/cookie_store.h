#ifndef SANDTAB_BROWSER_STORAGE_COOKIE_STORE_H_
#define SANDTAB_BROWSER_STORAGE_COOKIE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "browser/loader/cookie_jar.h"
#include "browser/storage/cookie.h"
#include "browser/storage/set_cookie_parser.h"

namespace sandtab::browser {

class StorageDatabase;

// How many cookies the store keeps: Chrome's CookieMonster limits (180 a
// registrable domain, purged to 150; 3300 in all, purged to 3000), the
// least recently used going first.
struct CookieLimits {
  size_t per_domain = 180;
  size_t per_domain_after_purge = 150;
  size_t total = 3300;
  size_t total_after_purge = 3000;
};

// The browser's cookies (RFC 6265, DESIGN section 14): every cookie in
// memory, bucketed by registrable domain so a lookup reads one bucket (a
// host's cookies all lie under its registrable domain), persistent ones
// written through to the StorageDatabase. The HTTP stack reaches it as a
// CookieJar; scripts through the renderer's storage channel
// (`from_script`); the shell lists it.
class CookieStore : public CookieJar {
 public:
  using Clock = std::function<int64_t()>;  // milliseconds since the epoch

  CookieStore(StorageDatabase& database, PublicSuffixCheck is_public_suffix, Clock clock, CookieLimits limits = {});

  // The persistent cookies of an earlier run, expired ones dropped.
  Status Load();

  // One Set-Cookie line from `url`, or the rule that refuses it: the
  // parser's, HttpOnly from a script, a SameSite cookie from a cross-site
  // subresource (RFC 6265bis section 5.6 step 23).
  Status Set(const Url& url, std::string_view line, const CookieAccess& access);
  // The cookies a request to `url` carries, in the RFC's order (longer paths
  // first, then older first). Marks them used, for the eviction order.
  std::vector<Cookie> CookiesFor(const Url& url, const CookieAccess& access);
  // "a=1; b=2": the Cookie header, and document.cookie's value.
  static std::string Serialize(const std::vector<Cookie>& cookies);

  // CookieJar: a refused line is dropped and counted.
  std::string CookieHeaderFor(const Url& url, const CookieAccess& access) override;
  void StoreFromResponse(const Url& url, std::string_view set_cookie, const CookieAccess& access) override;

  // Every live cookie, by registrable domain then domain, path and name.
  std::vector<Cookie> All();
  size_t size() const { return total_; }
  uint64_t refused() const { return refused_; }
  // The bucket a domain's cookies live in: its registrable domain (or the
  // domain itself when it has none: an IP address, localhost).
  std::string BucketOf(std::string_view domain) const;

 private:
  Status Persist(const Cookie& cookie);
  Status Forget(const Cookie& cookie);
  // Drops expired cookies of the bucket, then evicts past the limits.
  void Purge(std::vector<Cookie>& bucket, int64_t now_ms);
  void EvictGlobally();

  StorageDatabase& database_;
  PublicSuffixCheck is_public_suffix_;
  Clock clock_;
  CookieLimits limits_;
  std::map<std::string, std::vector<Cookie>> buckets_;  // registrable domain -> its cookies
  size_t total_ = 0;
  uint64_t refused_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_COOKIE_STORE_H_
