#include "renderer/page/url.h"

#include <cctype>
#include <vector>

namespace sandtab::renderer {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the "scheme:" prefix of `url` including the colon, or 0.
size_t SchemeLength(std::string_view url) {
  if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0]))) return 0;
  for (size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return i + 1;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return 0;
    }
  }
  return 0;
}

// The pieces of an absolute hierarchical URL: scheme "://" authority path ?query #fragment.
struct UrlParts {
  std::string scheme;     // without ':'
  std::string authority;  // without "//"
  std::string path;
  std::string query;  // with '?', or empty
};

bool SplitHierarchical(std::string_view url, UrlParts* parts) {
  const size_t scheme_len = SchemeLength(url);
  if (scheme_len == 0) return false;
  parts->scheme = std::string(url.substr(0, scheme_len - 1));
  std::string_view rest = url.substr(scheme_len);
  if (rest.substr(0, 2) != "//") return false;  // data:, about:, mailto: ...
  rest.remove_prefix(2);
  if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  const size_t path_start = rest.find_first_of("/?");
  parts->authority = std::string(rest.substr(0, path_start));
  rest = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  const size_t query = rest.find('?');
  parts->path = std::string(rest.substr(0, query));
  parts->query = query == std::string_view::npos ? "" : std::string(rest.substr(query));
  if (parts->path.empty()) parts->path = "/";
  return true;
}

// RFC 3986 section 5.2.4, on a path that starts with '/'.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 1;  // skip the leading '/'
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(pos, end - pos);
    const bool last = end == path.size();
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    pos = end + 1;
  }
  std::string result;
  for (const std::string_view segment : out) {
    result += '/';
    result += segment;
  }
  if (trailing_slash || result.empty()) result += '/';
  return result;
}

// The URL Standard's first steps for a reference: leading and trailing C0
// controls and spaces go, and so does every tab and newline inside (an
// href wrapped over two lines of source works in every browser).
std::string CleanReference(std::string_view reference) {
  while (!reference.empty() && static_cast<unsigned char>(reference.front()) <= 0x20) reference.remove_prefix(1);
  while (!reference.empty() && static_cast<unsigned char>(reference.back()) <= 0x20) reference.remove_suffix(1);
  std::string clean;
  clean.reserve(reference.size());
  for (char c : reference) {
    if (c != '\t' && c != '\n' && c != '\r') clean.push_back(c);
  }
  return clean;
}

}  // namespace

std::string UrlScheme(std::string_view url) {
  const size_t len = SchemeLength(Trim(url));
  std::string scheme(Trim(url).substr(0, len == 0 ? 0 : len - 1));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme;
}

std::string ResolveUrl(std::string_view base, std::string_view reference) {
  const std::string cleaned = CleanReference(reference);
  std::string_view relative = cleaned;
  if (SchemeLength(relative) != 0) return std::string(relative);

  UrlParts parts;
  if (!SplitHierarchical(Trim(base), &parts)) return std::string(relative);
  const std::string origin = parts.scheme + "://" + parts.authority;

  if (relative.empty()) return origin + parts.path + parts.query;
  if (relative.substr(0, 2) == "//") return parts.scheme + ":" + std::string(relative);
  if (relative[0] == '#') return origin + parts.path + parts.query + std::string(relative);
  if (relative[0] == '?') return origin + parts.path + std::string(relative);

  // Split the reference's own query and fragment off so dot segments in them survive.
  const size_t tail_pos = relative.find_first_of("?#");
  const std::string_view ref_path = relative.substr(0, tail_pos);
  const std::string_view tail = tail_pos == std::string_view::npos ? std::string_view() : relative.substr(tail_pos);

  std::string merged;
  if (ref_path[0] == '/') {
    merged = std::string(ref_path);
  } else {
    merged = parts.path.substr(0, parts.path.rfind('/') + 1);
    merged += ref_path;
  }
  return origin + RemoveDotSegments(merged) + std::string(tail);
}

}  // namespace sandtab::renderer
