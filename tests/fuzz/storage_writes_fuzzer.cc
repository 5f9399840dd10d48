// Cookies and storage writes (browser/storage/): sequences of what a server
// (Set-Cookie lines) and a renderer's scripts (document.cookie, localStorage)
// can make the browser store, against one in-memory BrowserStorage. What
// must hold, whatever the bytes: no crash; every cookie a request gets
// matches its host and path and obeys the limits (name and value at most
// 4096 bytes, never HttpOnly for a script); the store never holds more than
// its limits; an origin's usage is the UTF-16 size of what it holds, never
// over the 5 MiB quota, and a refused write changes nothing.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>

#include "browser/storage/browser_storage.h"
#include "browser/storage/set_cookie_parser.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using sandtab::fuzz::Check;
namespace browser = sandtab::browser;

// Hosts of three sites, subdomains and a public suffix among them.
constexpr const char* kUrls[] = {
    "http://127.0.0.1:8000/", "http://localhost:9000/a/b", "http://127.0.0.2/x", "http://www.example.com/docs/page",
    "http://example.com/",    "http://a.b.example.com/",   "https://github.io/", "http://me.github.io/p?q=1"};
constexpr const char* kOrigins[] = {"http://127.0.0.1:8000", "http://localhost:9000", "http://example.com:80"};

browser::Url PickUrl(FuzzedDataProvider& input) {
  const size_t index = input.ConsumeIntegralInRange<size_t>(0, std::size(kUrls) - 1);
  return *browser::ParseUrl(kUrls[index]);
}

browser::CookieAccess PickAccess(FuzzedDataProvider& input) {
  browser::CookieAccess access;
  access.same_site = input.ConsumeBool();
  access.top_level_navigation = input.ConsumeBool();
  access.safe_method = input.ConsumeBool();
  access.from_script = input.ConsumeBool();
  return access;
}

void CheckCookiesFor(browser::CookieStore& cookies, const browser::Url& url, const browser::CookieAccess& access) {
  for (const browser::Cookie& cookie : cookies.CookiesFor(url, access)) {
    Check(cookie.name.size() + cookie.value.size() <= browser::kMaxCookieNameValueBytes, "a cookie over 4096 bytes");
    Check(cookie.host_only ? cookie.domain == url.host : browser::DomainMatches(url.host, cookie.domain),
          "a cookie sent to a host it does not cover");
    Check(browser::PathMatches(url.path, cookie.path), "a cookie sent to a path it does not cover");
    Check(!(access.from_script && cookie.http_only), "an HttpOnly cookie shown to a script");
    Check(!cookie.secure || browser::IsSecureCookieUrl(url), "a Secure cookie sent over an insecure URL");
  }
}

void CheckUsage(browser::LocalStorage& storage, const std::string& origin) {
  auto items = storage.Items(origin);
  Check(items.ok(), "an origin's items cannot be read");
  size_t bytes = 0;
  for (const auto& [key, value] : **items) bytes += browser::Utf16Bytes(key) + browser::Utf16Bytes(value);
  Check(*storage.Usage(origin) == bytes, "usage is not the size of what the origin holds");
  Check(bytes <= browser::kLocalStorageQuotaBytes, "an origin over its quota");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  auto storage = browser::BrowserStorage::Open("");
  Check(storage.ok(), "an in-memory database cannot be opened");
  browser::CookieStore& cookies = (*storage)->cookies();
  browser::LocalStorage& local = (*storage)->local_storage();
  while (input.remaining_bytes() > 0) {
    switch (input.ConsumeIntegralInRange<int>(0, 4)) {
      case 0: {  // a Set-Cookie line or a document.cookie write
        const browser::Url url = PickUrl(input);
        const browser::CookieAccess access = PickAccess(input);
        const std::string line = input.ConsumeRandomLengthString(9000);
        (void)cookies.Set(url, line, access);
        Check(cookies.size() <= browser::CookieLimits{}.total, "more cookies than the limit");
        break;
      }
      case 1: {
        const browser::Url url = PickUrl(input);
        CheckCookiesFor(cookies, url, PickAccess(input));
        break;
      }
      case 2: {  // setItem, with a value that may pass the quota
        const std::string origin = kOrigins[input.ConsumeIntegralInRange<size_t>(0, std::size(kOrigins) - 1)];
        const std::string key = input.ConsumeRandomLengthString(64);
        std::string value = input.ConsumeRandomLengthString(256);
        if (input.ConsumeBool()) value.append(input.ConsumeIntegralInRange<size_t>(0, 3u << 20), 'v');
        const size_t before = *local.Usage(origin);
        if (!local.SetItem(origin, key, value)) {
          Check(*local.Usage(origin) == before, "a refused write changed the usage");
        }
        CheckUsage(local, origin);
        break;
      }
      case 3: {
        const std::string origin = kOrigins[input.ConsumeIntegralInRange<size_t>(0, std::size(kOrigins) - 1)];
        if (input.ConsumeBool()) {
          Check(local.RemoveItem(origin, input.ConsumeRandomLengthString(64)).ok(), "removeItem failed");
        } else {
          Check(local.Clear(origin).ok(), "clear failed");
        }
        CheckUsage(local, origin);
        break;
      }
      default: {  // time passes: cookies expire
        const browser::Url url = PickUrl(input);
        CheckCookiesFor(cookies, url, browser::CookieAccess{});
        break;
      }
    }
  }
  return 0;
}
