#include "browser/loader/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "proto/limits.h"

namespace sandtab::browser {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ValidScheme(std::string_view scheme) {
  if (scheme.empty() || !std::isalpha(static_cast<unsigned char>(scheme[0]))) return false;
  return std::all_of(scheme.begin(), scheme.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

// One part of an IPv4 address as the URL Standard reads it: decimal, hex
// after 0x, octal after a leading 0 ("" after 0x is 0). Null if it is none.
std::optional<uint64_t> Ipv4Number(std::string_view part) {
  int radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    radix = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    radix = 8;
    part.remove_prefix(1);
  }
  uint64_t value = 0;
  for (char c : part) {
    const int digit = HexValue(c);
    if (digit < 0 || digit >= radix) return std::nullopt;
    value = value * static_cast<uint64_t>(radix) + static_cast<uint64_t>(digit);
    if (value > 0xffffffffull) value = 0x100000000ull;  // too big; stays too big
  }
  return value;
}

// The URL Standard's host parsing, for what it decides on its own: a host
// whose last label is a number is an IPv4 address or nothing (so
// "999.1.1.1" is an invalid URL, not a name to look up), written back in
// dotted decimal as every browser does ("0x7f.1" is 127.0.0.1); other
// hosts must not hold the code points it forbids.
Result<std::string> CanonicalHost(std::string host) {
  std::vector<std::string_view> parts;
  for (size_t begin = 0;;) {
    const size_t dot = host.find('.', begin);
    parts.push_back(std::string_view(host).substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  const std::string_view last = parts.back();
  const bool ends_in_number =
      !last.empty() && (std::all_of(last.begin(), last.end(), ::isdigit) ||
                        (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') && Ipv4Number(last)));
  if (!ends_in_number) {
    for (unsigned char c : host) {
      if (c <= 0x20 || c == 0x7f || std::strchr("#%/:<>?@[\\]^|", c)) {
        return Error{"URL host contains a character hosts may not have"};
      }
    }
    return host;
  }
  if (parts.size() > 4) return Error{"URL host is not a valid IPv4 address: " + host};
  uint64_t address = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::optional<uint64_t> number = parts[i].empty() ? std::nullopt : Ipv4Number(parts[i]);
    const bool last_part = i + 1 == parts.size();
    // Every part but the last is one byte; the last fills what is left.
    const uint64_t limit = last_part ? (1ull << (8 * (5 - parts.size()))) : 256;
    if (!number || *number >= limit) return Error{"URL host is not a valid IPv4 address: " + host};
    address += last_part ? *number : *number << (8 * (3 - i));
  }
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
         std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

}  // namespace

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

Result<Url> ParseUrl(std::string_view spec) {
  if (spec.size() > proto::kMaxUrlBytes) return Error{"URL longer than 2 MiB"};
  for (unsigned char c : spec) {
    if (c < 0x20 || c == 0x7f) return Error{"URL contains control characters"};
  }
  Url url;
  url.spec = std::string(spec);
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos || !ValidScheme(spec.substr(0, colon))) {
    return Error{"not a URL (no scheme): '" + std::string(spec) + "'"};
  }
  url.scheme = std::string(spec.substr(0, colon));
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::string_view rest = spec.substr(colon + 1);
  // Fragments never reach the loader.
  if (url.scheme != "data") rest = rest.substr(0, rest.find('#'));

  if (url.scheme == "file") {
    if (rest.rfind("//", 0) != 0) return Error{"file URL must start with file://"};
    rest.remove_prefix(2);
    if (rest.empty() || rest[0] != '/') return Error{"file URL must name an absolute path on this host"};
    url.path = PercentDecode(rest.substr(0, rest.find('?')));
    // A decoded NUL would cut the path short for the C library: the file
    // checked and opened would not be the one the URL names.
    if (url.path.find('\0') != std::string::npos) return Error{"file URL path contains %00"};
  } else if (url.scheme == "http" || url.scheme == "https") {
    if (rest.rfind("//", 0) != 0) return Error{url.scheme + " URL must start with " + url.scheme + "://"};
    rest.remove_prefix(2);
    size_t slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    url.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (url.path[0] == '?') url.path = "/" + url.path;
    if (authority.find('@') != std::string_view::npos) return Error{"URLs with credentials are refused"};
    url.port = url.scheme == "http" ? 80 : 443;
    // [v6]:port keeps its colons inside the brackets.
    size_t bracket = authority.rfind(']');
    size_t port_colon = authority.rfind(':');
    if (bracket != std::string_view::npos && port_colon < bracket) port_colon = std::string_view::npos;
    if (port_colon != std::string_view::npos) {
      std::string port_text(authority.substr(port_colon + 1));
      authority = authority.substr(0, port_colon);
      if (port_text.empty() || port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), ::isdigit)) {
        return Error{"bad port in URL"};
      }
      url.port = std::stoi(port_text);
      if (url.port < 1 || url.port > 65535) return Error{"bad port in URL"};
    }
    if (authority.empty()) return Error{"URL has no host"};
    // An IPv6 address is bracketed and nothing else is ("http://[1]/" is
    // not 0.0.0.1, "http://a:b:1/" and "http://[::1/" are no hosts), and is
    // written back the one way inet_ntop writes it.
    if (authority.front() == '[' || authority.find_first_of(":[]") != std::string_view::npos) {
      in6_addr address;
      const std::string inside(authority.size() >= 2 && authority.front() == '[' && authority.back() == ']'
                                   ? authority.substr(1, authority.size() - 2)
                                   : std::string_view());
      char text[INET6_ADDRSTRLEN];
      if (inside.empty() || ::inet_pton(AF_INET6, inside.c_str(), &address) != 1 ||
          !::inet_ntop(AF_INET6, &address, text, sizeof(text))) {
        return Error{"URL host is not a valid IPv6 address: " + std::string(authority)};
      }
      url.host = text;
      return url;
    }
    std::string host(authority);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    auto canonical = CanonicalHost(std::move(host));
    if (!canonical) return Error{canonical.error()};
    url.host = std::move(*canonical);
  } else {
    url.path = std::string(rest);
  }
  return url;
}

std::string UrlFromUserInput(std::string_view input, const std::string& content_root) {
  std::string text(input);
  constexpr std::string_view kPagesPrefix = "sandtab://pages/";
  if (text.rfind(kPagesPrefix, 0) == 0) return "file://" + content_root + "/" + text.substr(kPagesPrefix.size());
  if (!text.empty() && text[0] == '/') {
    // A path. Linux reads "//tmp" as "/tmp", and so does the URL shown for it.
    const size_t first = text.find_first_not_of('/');
    return "file:///" + (first == std::string::npos ? std::string() : text.substr(first));
  }
  size_t colon = text.find(':');
  if (colon != std::string::npos && ValidScheme(std::string_view(text).substr(0, colon))) return text;
  // A bare name: a page of the content root ("index.html", "pages/index.html").
  if (text.rfind("pages/", 0) == 0) text = text.substr(6);
  return "file://" + content_root + "/" + text;
}

}  // namespace sandtab::browser
