#include "browser/loader/site.h"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>
#include <cctype>

namespace sandtab::browser {
namespace {

// The newest public-suffix list on this machine: Debian's publicsuffix
// package, or the copy built into libpsl when that file is missing. Loaded
// once and only read afterwards, which libpsl allows from any thread.
const psl_ctx_t* PublicSuffixes() {
  static const psl_ctx_t* const suffixes = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest ? latest : psl_builtin();
  }();
  return suffixes;
}

bool IsIpAddress(const std::string& host) {
  unsigned char address[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), address) == 1 || ::inet_pton(AF_INET6, host.c_str(), address) == 1;
}

std::string RegistrableDomain(const std::string& host) {
  if (IsIpAddress(host)) return host.find(':') == std::string::npos ? host : "[" + host + "]";
  const psl_ctx_t* suffixes = PublicSuffixes();
  const char* domain = suffixes ? psl_registrable_domain(suffixes, host.c_str()) : nullptr;
  // No registrable domain: the host is a public suffix itself ("localhost",
  // "github.io"), so it is its own site, as in Chrome.
  return domain ? std::string(domain) : host;
}

bool UnderRoot(const std::string& path, std::string_view root) {
  while (root.size() > 1 && root.back() == '/') root.remove_suffix(1);
  if (root.empty()) return false;
  if (path == root) return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root == "/" || path[root.size()] == '/');
}

}  // namespace

Site SiteForUrl(const Url& url, std::string_view content_root) {
  if (url.scheme == "http" || url.scheme == "https") {
    if (url.host.empty()) return Site::Opaque();
    std::string host = url.host;
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    return Site::FromText(url.scheme + "://" + RegistrableDomain(host));
  }
  // The pages' own name for themselves, as a renderer may write it.
  if (url.scheme == "sandtab" && (url.path == "//pages" || url.path.rfind("//pages/", 0) == 0)) {
    return Site::FromText("sandtab://pages");
  }
  if (url.scheme == "file") return Site::FromText(UnderRoot(url.path, content_root) ? "sandtab://pages" : "file://");
  if (url.scheme == "about" && url.path.substr(0, url.path.find('?')) != "blank") return Site::FromText("about:");
  return Site::Opaque();
}

Site SiteForSpec(std::string_view spec, std::string_view content_root) {
  const Result<Url> url = ParseUrl(spec);
  return url.ok() ? SiteForUrl(*url, content_root) : Site::Opaque();
}

bool IsPublicSuffix(std::string_view domain) {
  const psl_ctx_t* suffixes = PublicSuffixes();
  return suffixes && psl_is_public_suffix(suffixes, std::string(domain).c_str()) != 0;
}

}  // namespace sandtab::browser
