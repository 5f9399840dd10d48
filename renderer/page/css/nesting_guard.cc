#include "renderer/page/css/nesting_guard.h"

#include <cctype>
#include <string>

namespace sandtab::renderer {
namespace {

// Void elements and elements with optional end tags: neither deepens the
// tree that the parser builds from a run of them.
constexpr std::string_view kNonNesting[] = {
    "area",   "base",  "br",    "col",      "embed",    "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",   "p",        "li",       "dt", "dd",  "tr",    "td",   "th",   "option",
    "thead",  "tbody", "tfoot", "colgroup", "optgroup", "rt", "rp",  "html",  "head", "body"};
constexpr std::string_view kRawText[] = {"script", "style", "textarea", "title", "xmp"};

template <size_t N>
bool Contains(const std::string_view (&set)[N], std::string_view name) {
  for (std::string_view s : set) {
    if (s == name) return true;
  }
  return false;
}

// Index just past the '>' that ends the tag starting at `pos`, skipping
// quoted attribute values; html.size() if unterminated.
size_t EndOfTag(std::string_view html, size_t pos) {
  char quote = 0;
  for (; pos < html.size(); ++pos) {
    const char c = html[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return pos + 1;
    }
  }
  return html.size();
}

size_t FindCaseInsensitive(std::string_view html, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= html.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(html[i + k])) == needle[k]) {
      ++k;
    }
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::string FlattenDeepNesting(std::string_view html, int max_depth) {
  std::string out;  // built only once something changes
  size_t copied = 0;
  auto copy_to = [&](size_t end) {
    out.append(html.substr(copied, end - copied));
    copied = end;
  };
  int depth = 0;
  int flattened = 0;  // elements past the limit whose end tag is still to come
  int foreign = 0;    // inside <svg> or <math>, where <x/> does close x
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    const size_t tag_start = pos;
    if (html.substr(pos, 4) == "<!--") {
      const size_t end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const bool closing = pos + 1 < html.size() && html[pos + 1] == '/';
    size_t name_start = pos + (closing ? 2 : 1);
    if (name_start >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      pos = name_start;  // "<!doctype", "< ", "<<": not an element
      if (pos < html.size() && html[pos] == '!') pos = EndOfTag(html, pos);
      continue;
    }
    std::string name;
    size_t i = name_start;
    while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i]))) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
      ++i;
    }
    pos = EndOfTag(html, i);
    if (Contains(kNonNesting, name)) continue;
    const bool foreign_root = name == "svg" || name == "math";
    if (closing) {
      if (foreign_root && foreign > 0) --foreign;
      if (flattened > 0) {
        copy_to(tag_start);  // the end tag of a flattened element: already written
        copied = pos;
        --flattened;
      } else if (depth > 0) {
        --depth;
      }
      continue;
    }
    if (Contains(kRawText, name)) {
      // Its text is not markup, and its end tag is part of it.
      const size_t end = FindCaseInsensitive(html, "</" + name, pos);
      pos = end == std::string_view::npos ? html.size() : EndOfTag(html, end);
      continue;
    }
    // The HTML parser ignores "/>" on an HTML element (<div/> opens a div
    // that stays open); only in SVG and MathML does it close one.
    const bool self_closing = foreign > 0 && pos >= 2 && html[pos - 2] == '/';
    if (self_closing) continue;
    if (foreign_root) ++foreign;
    if (depth < max_depth) {
      ++depth;
      continue;
    }
    // Past the limit: closed at once, so what it held follows it instead.
    copy_to(pos);
    out += "</" + name + ">";
    ++flattened;
  }
  if (copied == 0) return std::string(html);
  copy_to(html.size());
  return out;
}

}  // namespace sandtab::renderer
