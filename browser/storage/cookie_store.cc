#include "browser/storage/cookie_store.h"

#include <algorithm>

#include "browser/storage/storage_database.h"

namespace sandtab::browser {
namespace {

int64_t Flag(bool value) { return value ? 1 : 0; }

// May this request see (or replace) this cookie at all: the request's
// security, HttpOnly from scripts, SameSite (RFC 6265bis section 5.8.3).
bool Sendable(const Cookie& cookie, const Url& url, const CookieAccess& access) {
  if (cookie.secure && !IsSecureCookieUrl(url)) return false;
  if (cookie.http_only && access.from_script) return false;
  if (access.same_site) return true;
  switch (cookie.same_site) {
    case SameSite::kStrict:
      return false;
    case SameSite::kLax:
      return access.top_level_navigation && access.safe_method;
    case SameSite::kNone:
      return true;
  }
  return false;
}

}  // namespace

CookieStore::CookieStore(StorageDatabase& database, PublicSuffixCheck is_public_suffix, Clock clock,
                         CookieLimits limits)
    : database_(database), is_public_suffix_(std::move(is_public_suffix)), clock_(std::move(clock)), limits_(limits) {}

std::string CookieStore::BucketOf(std::string_view domain) const {
  if (IsIpAddress(std::string(domain))) return std::string(domain);
  // From the right, the first suffix that is not a public suffix.
  size_t dot = domain.size();
  while (dot != std::string_view::npos && dot > 0) {
    dot = domain.rfind('.', dot - 1);
    const std::string_view suffix = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
    if (!is_public_suffix_ || !is_public_suffix_(suffix)) return std::string(suffix);
  }
  return std::string(domain);
}

Status CookieStore::Load() {
  ASSIGN_OR_RETURN(auto rows,
                   database_.Query("SELECT name, value, domain, path, host_only, secure, http_only, same_site, "
                                   "expiry_ms, creation_ms, last_access_ms FROM cookies"));
  const int64_t now = clock_();
  for (auto& row : rows) {
    Cookie cookie;
    cookie.name = std::get<std::string>(row[0]);
    cookie.value = std::get<std::string>(row[1]);
    cookie.domain = std::get<std::string>(row[2]);
    cookie.path = std::get<std::string>(row[3]);
    cookie.host_only = std::get<int64_t>(row[4]) != 0;
    cookie.secure = std::get<int64_t>(row[5]) != 0;
    cookie.http_only = std::get<int64_t>(row[6]) != 0;
    const int64_t same_site = std::get<int64_t>(row[7]);
    cookie.same_site = same_site == 0 ? SameSite::kStrict : same_site == 2 ? SameSite::kNone : SameSite::kLax;
    cookie.expiry_ms = std::get<int64_t>(row[8]);
    cookie.creation_ms = std::get<int64_t>(row[9]);
    cookie.last_access_ms = std::get<int64_t>(row[10]);
    if (cookie.ExpiredAt(now)) {
      TRY(Forget(cookie));
      continue;
    }
    buckets_[BucketOf(cookie.domain)].push_back(std::move(cookie));
    ++total_;
  }
  return OkStatus();
}

Status CookieStore::Persist(const Cookie& cookie) {
  return database_.Execute("INSERT OR REPLACE INTO cookies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           {cookie.name, cookie.value, cookie.domain, cookie.path, Flag(cookie.host_only),
                            Flag(cookie.secure), Flag(cookie.http_only), int64_t{static_cast<int>(cookie.same_site)},
                            *cookie.expiry_ms, cookie.creation_ms, cookie.last_access_ms});
}

Status CookieStore::Forget(const Cookie& cookie) {
  if (!cookie.persistent()) return OkStatus();
  return database_.Execute("DELETE FROM cookies WHERE name = ? AND domain = ? AND path = ?",
                           {cookie.name, cookie.domain, cookie.path});
}

Status CookieStore::Set(const Url& url, std::string_view line, const CookieAccess& access) {
  const int64_t now = clock_();
  ASSIGN_OR_RETURN(Cookie cookie, ParseSetCookie(line, url, now, is_public_suffix_));
  if (access.from_script && cookie.http_only) return Error{"HttpOnly cookie set by a script"};
  if (!access.same_site && cookie.same_site != SameSite::kNone && !access.top_level_navigation) {
    return Error{"SameSite cookie set by a cross-site request"};
  }
  std::vector<Cookie>& bucket = buckets_[BucketOf(cookie.domain)];
  auto old = std::find_if(bucket.begin(), bucket.end(), [&](const Cookie& c) { return c.SameIdentity(cookie); });
  if (old != bucket.end()) {
    // A script may not replace what it may not see (RFC 6265 section 5.3 step 11.2).
    if (old->http_only && access.from_script) return Error{"a script may not replace an HttpOnly cookie"};
    cookie.creation_ms = old->creation_ms;
  }
  // One transaction: the replaced row goes and the new one comes together.
  TRY(database_.Transaction([&]() -> Status {
    if (old != bucket.end()) TRY(Forget(*old));
    if (!cookie.ExpiredAt(now) && cookie.persistent()) TRY(Persist(cookie));
    return OkStatus();
  }));
  if (old != bucket.end()) {
    bucket.erase(old);
    --total_;
  }
  if (cookie.ExpiredAt(now)) return OkStatus();  // the way to delete a cookie
  bucket.push_back(std::move(cookie));
  ++total_;
  Purge(bucket, now);
  if (total_ > limits_.total) EvictGlobally();
  return OkStatus();
}

void CookieStore::Purge(std::vector<Cookie>& bucket, int64_t now_ms) {
  auto expired = [&](const Cookie& cookie) {
    if (!cookie.ExpiredAt(now_ms)) return false;
    (void)Forget(cookie);
    --total_;
    return true;
  };
  bucket.erase(std::remove_if(bucket.begin(), bucket.end(), expired), bucket.end());
  if (bucket.size() <= limits_.per_domain) return;
  std::sort(bucket.begin(), bucket.end(),
            [](const Cookie& a, const Cookie& b) { return a.last_access_ms > b.last_access_ms; });
  (void)database_.Transaction([&]() -> Status {
    for (size_t i = limits_.per_domain_after_purge; i < bucket.size(); ++i) TRY(Forget(bucket[i]));
    return OkStatus();
  });
  total_ -= bucket.size() - limits_.per_domain_after_purge;
  bucket.resize(limits_.per_domain_after_purge);
}

void CookieStore::EvictGlobally() {
  std::vector<int64_t> accesses;
  accesses.reserve(total_);
  for (const auto& [key, bucket] : buckets_) {
    for (const Cookie& cookie : bucket) accesses.push_back(cookie.last_access_ms);
  }
  // Everything used before the cut goes, oldest first, down to the purge mark.
  const size_t excess = total_ - limits_.total_after_purge;
  std::nth_element(accesses.begin(), accesses.begin() + static_cast<ptrdiff_t>(excess - 1), accesses.end());
  const int64_t cut = accesses[excess - 1];
  size_t evicted = 0;
  (void)database_.Transaction([&]() -> Status {
    for (auto& [key, bucket] : buckets_) {
      bucket.erase(std::remove_if(bucket.begin(), bucket.end(),
                                  [&](const Cookie& cookie) {
                                    if (evicted >= excess || cookie.last_access_ms > cut) return false;
                                    ++evicted;
                                    (void)Forget(cookie);
                                    return true;
                                  }),
                   bucket.end());
    }
    return OkStatus();
  });
  total_ -= evicted;
}

std::vector<Cookie> CookieStore::CookiesFor(const Url& url, const CookieAccess& access) {
  std::vector<Cookie> matching;
  if (url.host.empty()) return matching;
  auto it = buckets_.find(BucketOf(url.host));
  if (it == buckets_.end()) return matching;
  const int64_t now = clock_();
  Purge(it->second, now);
  for (Cookie& cookie : it->second) {
    const bool domain_ok = cookie.host_only ? url.host == cookie.domain : DomainMatches(url.host, cookie.domain);
    if (!domain_ok || !PathMatches(url.path, cookie.path) || !Sendable(cookie, url, access)) continue;
    cookie.last_access_ms = now;
    matching.push_back(cookie);
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Cookie& a, const Cookie& b) {
    if (a.path.size() != b.path.size()) return a.path.size() > b.path.size();
    return a.creation_ms < b.creation_ms;
  });
  return matching;
}

std::string CookieStore::Serialize(const std::vector<Cookie>& cookies) {
  std::string header;
  for (const Cookie& cookie : cookies) {
    if (!header.empty()) header += "; ";
    header += cookie.name.empty() ? cookie.value : cookie.name + "=" + cookie.value;
  }
  return header;
}

std::string CookieStore::CookieHeaderFor(const Url& url, const CookieAccess& access) {
  return Serialize(CookiesFor(url, access));
}

void CookieStore::StoreFromResponse(const Url& url, std::string_view set_cookie, const CookieAccess& access) {
  if (!Set(url, set_cookie, access)) ++refused_;
}

std::vector<Cookie> CookieStore::All() {
  std::vector<Cookie> all;
  const int64_t now = clock_();
  for (auto& [key, bucket] : buckets_) {
    Purge(bucket, now);
    std::vector<Cookie> sorted = bucket;
    std::sort(sorted.begin(), sorted.end(), [](const Cookie& a, const Cookie& b) {
      return std::tie(a.domain, a.path, a.name) < std::tie(b.domain, b.path, b.name);
    });
    all.insert(all.end(), sorted.begin(), sorted.end());
  }
  return all;
}

}  // namespace sandtab::browser
