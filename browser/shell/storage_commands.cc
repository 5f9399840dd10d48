#include "browser/shell/storage_commands.h"

#include "browser/loader/site.h"
#include "browser/shell/shell_services.h"
#include "browser/storage/browser_storage.h"

namespace sandtab::browser {
namespace {

std::string Attributes(const Cookie& cookie) {
  std::string text = (cookie.host_only ? "host " : "domain .") + cookie.domain + " path " + cookie.path;
  text += cookie.expiry_ms ? " expires_ms " + std::to_string(*cookie.expiry_ms) : " session";
  if (cookie.secure) text += " Secure";
  if (cookie.http_only) text += " HttpOnly";
  return text + " SameSite=" + SameSiteName(cookie.same_site);
}

}  // namespace

Report CookiesReport(const std::string& url, const std::vector<Cookie>& cookies,
                     const std::vector<std::string>& sites) {
  Report report;
  if (!url.empty()) report.Set("url", url);
  ReportValue list = ReportValue::Array();
  for (size_t i = 0; i < cookies.size(); ++i) {
    const Cookie& cookie = cookies[i];
    ReportValue entry = ReportValue::Object();
    if (i < sites.size()) entry.Set("site", sites[i]);
    entry.Set("name", cookie.name)
        .Set("value", cookie.value)
        .Set("domain", cookie.domain)
        .Set("path", cookie.path)
        .Set("host_only", cookie.host_only)
        .Set("secure", cookie.secure)
        .Set("http_only", cookie.http_only)
        .Set("same_site", SameSiteName(cookie.same_site))
        .Set("expires_ms", cookie.expiry_ms ? ReportValue(*cookie.expiry_ms) : ReportValue());
    list.Append(std::move(entry));
    std::string line = (i < sites.size() ? sites[i] + "  " : "") + cookie.name + "=" + cookie.value;
    report.AddLine(line + "  (" + Attributes(cookie) + ")");
  }
  report.Set("cookies", std::move(list));
  return report.WhenEmpty(url.empty() ? "no cookies" : "no cookies for " + url);
}

Report StorageReport(const std::string& site, const std::map<std::string, const LocalStorage::Map*>& origins) {
  Report report;
  report.Set("site", site);
  ReportValue list = ReportValue::Array();
  for (const auto& [origin, items] : origins) {
    ReportValue keys = ReportValue::Array();
    size_t total = 0;
    std::vector<std::string> lines;
    for (const auto& [key, value] : *items) {
      const size_t bytes = Utf16Bytes(key) + Utf16Bytes(value);
      total += bytes;
      keys.Append(ReportValue::Object().Set("key", key).Set("bytes", bytes));
      lines.push_back("  " + key + "  " + std::to_string(bytes) + " bytes");
    }
    list.Append(ReportValue::Object().Set("origin", origin).Set("bytes", total).Set("items", std::move(keys)));
    report.AddLine(origin + ": " + std::to_string(items->size()) + " keys, " + std::to_string(total) + " of " +
                   std::to_string(kLocalStorageQuotaBytes) + " bytes");
    for (std::string& line : lines) report.AddLine(std::move(line));
  }
  report.Set("origins", std::move(list));
  return report.WhenEmpty("no localStorage for " + site);
}

void StorageCommands::Cookies(const Args& args, Reply reply) {
  BrowserStorage* storage = shell_.services().storage;
  if (!storage) return reply(Fail("cookies: this browser keeps no cookies"));
  if (args.size() == 1) {
    std::vector<Cookie> all = storage->cookies().All();
    std::vector<std::string> sites;
    for (const Cookie& cookie : all) sites.push_back(storage->cookies().BucketOf(cookie.domain));
    return reply(Answer(CookiesReport("", all, sites)));
  }
  Result<Url> url = ParseUrl(args[1]);
  if (!url || url->host.empty()) return reply(Fail("cookies: URL must be an http(s) URL"));
  // What the user's own navigation to it would carry.
  CookieAccess access;
  access.top_level_navigation = true;
  reply(Answer(CookiesReport(url->spec, storage->cookies().CookiesFor(*url, access))));
}

void StorageCommands::Storage(const Args& args, Reply reply) {
  BrowserStorage* storage = shell_.services().storage;
  if (!storage) return reply(Fail("storage: this browser keeps no storage"));
  // A site, or any URL of it ("http://127.0.0.1", "http://127.0.0.1:8080/x").
  const Site site = SiteForSpec(args[1]);
  if (site.opaque()) return reply(Fail("storage: SITE must be an http(s) site or URL, e.g. http://127.0.0.1"));
  auto origins = storage->local_storage().OriginsAndUsage();
  if (!origins) return reply(Fail("storage: " + origins.error()));
  std::map<std::string, const LocalStorage::Map*> of_site;
  for (const auto& [origin, bytes] : *origins) {
    if (SiteForSpec(origin) != site) continue;
    auto items = storage->local_storage().Items(origin);
    if (!items) return reply(Fail("storage: " + items.error()));
    if (!(*items)->empty()) of_site[origin] = *items;
  }
  reply(Answer(StorageReport(site.ToString(), of_site)));
}

}  // namespace sandtab::browser
