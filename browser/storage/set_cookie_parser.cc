#include "browser/storage/set_cookie_parser.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace sandtab::browser {
namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kWhitespace) - begin + 1);
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// RFC 6265bis section 5.6 step 5: a name or value with a control character
// (but horizontal tab) is refused whole.
bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; });
}

// RFC 6265 section 5.1.1, the cookie-date algorithm: tokens between
// delimiters, the first time, day of month, month and year found win.
std::optional<int64_t> ParseCookieDate(std::string_view text) {
  auto is_delimiter = [](unsigned char c) {
    return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
           (c >= 0x7b && c <= 0x7e);
  };
  std::optional<int> hour, minute, second, day, month, year;
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const size_t begin = i;
    while (i < text.size() && !is_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view token = text.substr(begin, i - begin);
    if (token.empty()) continue;
    auto digits = [&](size_t from, size_t min, size_t max, int* value, size_t* end) {
      size_t n = 0;
      int parsed = 0;
      while (from + n < token.size() && std::isdigit(static_cast<unsigned char>(token[from + n])) && n < max) {
        parsed = parsed * 10 + (token[from + n] - '0');
        ++n;
      }
      if (n < min) return false;
      *value = parsed;
      *end = from + n;
      return true;
    };
    int a = 0, b = 0, c = 0;
    size_t end = 0;
    if (!hour && digits(0, 1, 2, &a, &end) && end < token.size() && token[end] == ':' &&
        digits(end + 1, 1, 2, &b, &end) && end < token.size() && token[end] == ':' && digits(end + 1, 1, 2, &c, &end)) {
      hour = a, minute = b, second = c;
      continue;
    }
    if (!day && digits(0, 1, 2, &a, &end) && (end == token.size() || !std::isdigit(token[end]))) {
      day = a;
      continue;
    }
    if (!month && token.size() >= 3) {
      const std::string prefix = Lower(token.substr(0, 3));
      for (int m = 0; m < 12; ++m) {
        if (prefix == kMonths[m]) month = m;
      }
      if (month) continue;
    }
    if (!year && digits(0, 2, 4, &a, &end) && (end == token.size() || !std::isdigit(token[end]))) year = a;
  }
  if (!hour || !day || !month || !year) return std::nullopt;
  if (*year >= 70 && *year <= 99) *year += 1900;
  if (*year >= 0 && *year <= 69) *year += 2000;
  if (*day < 1 || *day > 31 || *year < 1601 || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  const time_t seconds = timegm(&tm);
  if (tm.tm_mday != *day) return std::nullopt;  // 31 February rolled over
  return static_cast<int64_t>(seconds) * 1000;
}

// Max-Age: an optional '-' then digits (RFC 6265 section 5.2.2); anything
// else ignores the attribute. Zero or less expires the cookie at once.
std::optional<int64_t> ParseMaxAge(std::string_view text, int64_t now_ms) {
  if (text.empty()) return std::nullopt;
  const bool negative = text[0] == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  if (negative) return int64_t{0};
  // Past 400 days the value no longer matters: it is capped below.
  if (digits.size() > 12) return now_ms + kMaxCookieLifetimeMs;
  const int64_t seconds = std::stoll(std::string(digits));
  return seconds <= 0 ? int64_t{0} : now_ms + std::min(seconds * 1000, kMaxCookieLifetimeMs);
}

}  // namespace

bool IsIpAddress(const std::string& host) {
  unsigned char address[16];
  return inet_pton(AF_INET, host.c_str(), address) == 1 || inet_pton(AF_INET6, host.c_str(), address) == 1;
}

const char* SameSiteName(SameSite same_site) {
  switch (same_site) {
    case SameSite::kStrict:
      return "Strict";
    case SameSite::kLax:
      return "Lax";
    case SameSite::kNone:
      return "None";
  }
  return "Lax";
}

std::string DefaultCookiePath(std::string_view url_path) {
  url_path = url_path.substr(0, url_path.find_first_of("?#"));
  if (url_path.empty() || url_path[0] != '/') return "/";
  const size_t last_slash = url_path.rfind('/');
  return last_slash == 0 ? "/" : std::string(url_path.substr(0, last_slash));
}

bool DomainMatches(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.' && !IsIpAddress(std::string(host));
}

bool PathMatches(std::string_view request_path, std::string_view cookie_path) {
  request_path = request_path.substr(0, request_path.find_first_of("?#"));
  if (request_path.empty()) request_path = "/";
  if (request_path == cookie_path) return true;
  if (!StartsWith(request_path, cookie_path)) return false;
  return cookie_path.back() == '/' || request_path[cookie_path.size()] == '/';
}

bool IsSecureCookieUrl(const Url& url) {
  if (url.scheme == "https") return true;
  if (url.scheme != "http") return false;
  return url.host == "localhost" || url.host == "::1" || (StartsWith(url.host, "127.") && IsIpAddress(url.host));
}

Result<Cookie> ParseSetCookie(std::string_view line, const Url& url, int64_t now_ms,
                              const PublicSuffixCheck& is_public_suffix) {
  if (url.host.empty()) return Error{"cookies belong to http(s) hosts only"};
  if (line.size() > kMaxSetCookieLineBytes) return Error{"Set-Cookie line longer than 8192 bytes"};
  const size_t semicolon = line.find(';');
  const std::string_view pair = line.substr(0, semicolon);
  Cookie cookie;
  const size_t equals = pair.find('=');
  // No '=': RFC 6265bis takes the whole pair as a value with an empty name.
  cookie.name = equals == std::string_view::npos ? "" : std::string(Trim(pair.substr(0, equals)));
  cookie.value = std::string(Trim(equals == std::string_view::npos ? pair : pair.substr(equals + 1)));
  if (cookie.name.empty() && cookie.value.empty()) return Error{"a cookie needs a name or a value"};
  if (HasControlCharacter(cookie.name) || HasControlCharacter(cookie.value)) {
    return Error{"cookie name or value holds a control character"};
  }
  if (cookie.name.size() + cookie.value.size() > kMaxCookieNameValueBytes) {
    return Error{"cookie name and value longer than 4096 bytes"};
  }

  std::optional<int64_t> max_age, expires;
  std::optional<std::string> domain_attribute, path_attribute;
  std::optional<SameSite> same_site;
  std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : line.substr(semicolon + 1);
  while (!rest.empty()) {
    const size_t next = rest.find(';');
    const std::string_view attribute = rest.substr(0, next);
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    const size_t attribute_equals = attribute.find('=');
    const std::string name = Lower(Trim(attribute.substr(0, attribute_equals)));
    const std::string_view value =
        attribute_equals == std::string_view::npos ? std::string_view() : Trim(attribute.substr(attribute_equals + 1));
    if (value.size() > kMaxCookieAttributeValueBytes) continue;  // ignored, as RFC 6265bis says
    if (name == "expires") {
      if (auto date = ParseCookieDate(value)) expires = std::min(*date, now_ms + kMaxCookieLifetimeMs);
    } else if (name == "max-age") {
      if (auto age = ParseMaxAge(value, now_ms)) max_age = age;
    } else if (name == "domain") {
      std::string domain = Lower(value);
      if (!domain.empty() && domain[0] == '.') domain.erase(0, 1);
      if (!domain.empty()) domain_attribute = domain;
    } else if (name == "path") {
      path_attribute = value.empty() || value[0] != '/' ? DefaultCookiePath(url.path) : std::string(value);
    } else if (name == "secure") {
      cookie.secure = true;
    } else if (name == "httponly") {
      cookie.http_only = true;
    } else if (name == "samesite") {
      const std::string mode = Lower(value);
      same_site = mode == "strict" ? std::optional(SameSite::kStrict)
                  : mode == "none" ? std::optional(SameSite::kNone)
                  : mode == "lax"  ? std::optional(SameSite::kLax)
                                   : std::nullopt;
    }
  }

  // Max-Age wins over Expires (RFC 6265 section 5.3 step 3).
  cookie.expiry_ms = max_age ? max_age : expires;
  cookie.creation_ms = cookie.last_access_ms = now_ms;
  cookie.same_site = same_site.value_or(SameSite::kLax);

  const std::string host = Lower(url.host);
  if (domain_attribute) {
    if (is_public_suffix && is_public_suffix(*domain_attribute)) {
      // A public suffix may name only itself, as a host-only cookie.
      if (*domain_attribute != host) return Error{"Domain is a public suffix: " + *domain_attribute};
      domain_attribute.reset();
    } else if (!DomainMatches(host, *domain_attribute)) {
      return Error{"Domain " + *domain_attribute + " does not cover the host " + host};
    }
  }
  cookie.host_only = !domain_attribute;
  cookie.domain = domain_attribute.value_or(host);
  cookie.path = path_attribute.value_or(DefaultCookiePath(url.path));
  if (cookie.path.size() > kMaxCookieAttributeValueBytes) return Error{"cookie path longer than 1024 bytes"};

  if (cookie.secure && !IsSecureCookieUrl(url)) return Error{"Secure cookie from an insecure URL"};
  if (cookie.same_site == SameSite::kNone && !cookie.secure) return Error{"SameSite=None without Secure"};
  // Cookie prefixes (RFC 6265bis section 4.1.3), compared case-sensitively.
  if (StartsWith(cookie.name, "__Secure-") && !cookie.secure) return Error{"__Secure- cookie without Secure"};
  if (StartsWith(cookie.name, "__Host-") && (!cookie.secure || !cookie.host_only || cookie.path != "/")) {
    return Error{"__Host- cookie needs Secure, no Domain and Path=/"};
  }
  return cookie;
}

}  // namespace sandtab::browser
