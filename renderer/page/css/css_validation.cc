#include "renderer/page/css/css_validation.h"

#include <cctype>
#include <cstddef>

#include "renderer/page/css/css_logical.h"
#include "renderer/page/css/css_numbers.h"

namespace sandtab::renderer {
namespace {

bool IsNameChar(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c >= 0x80; }

// Whether the hash token starting at css[i] == '#' is a colour CSS accepts:
// #rgb, #rgba, #rrggbb or #rrggbbaa (CSS Color 4, as Chromium parses it).
bool IsValidHexColour(std::string_view css, size_t i) {
  size_t end = i + 1;
  bool all_hex = true;
  while (end < css.size() && IsNameChar(static_cast<unsigned char>(css[end]))) {
    all_hex &= std::isxdigit(static_cast<unsigned char>(css[end])) != 0;
    ++end;
  }
  const size_t digits = end - i - 1;
  return all_hex && (digits == 3 || digits == 4 || digits == 6 || digits == 8);
}

}  // namespace

std::string CssForLitehtml(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  size_t segment = 0;  // start of the current declaration or prelude
  bool bad = false;    // the current segment holds a malformed colour
  int parens = 0;
  // A segment ends at ';', '{' or '}' outside strings, comments and
  // parentheses. One that ends at '{' is a selector or at-rule prelude
  // (where '#' starts an id) and is always kept.
  auto end_segment = [&](size_t end, bool prelude) {
    if (prelude) {
      out.append(css.substr(segment, end - segment));
    } else if (!bad) {
      out.append(PhysicalDeclarations(BoundedNumbers(css.substr(segment, end - segment))));
    }
    segment = end;
    bad = false;
  };
  for (size_t i = 0; i < css.size(); ++i) {
    const char c = css[i];
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      const size_t close = css.find("*/", i + 2);
      i = close == std::string_view::npos ? css.size() - 1 : close + 1;
    } else if (c == '"' || c == '\'') {
      for (++i; i < css.size() && css[i] != c && css[i] != '\n'; ++i) {
        if (css[i] == '\\') ++i;
      }
    } else if (c == '\\') {
      ++i;  // an escaped character is never syntax
    } else if (c == '(') {
      ++parens;
    } else if (c == ')') {
      if (parens > 0) --parens;
    } else if (parens == 0 && c == '#') {
      if (!IsValidHexColour(css, i)) bad = true;
    } else if (parens == 0 && (c == ';' || c == '{' || c == '}')) {
      end_segment(i, c == '{');
      out.push_back(c);
      segment = i + 1;
    }
  }
  if (segment < css.size()) end_segment(css.size(), false);
  return out;
}

}  // namespace sandtab::renderer
