#include "renderer/page/css/css_numbers.h"

#include <strings.h>

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace sandtab::renderer {
namespace {

bool IsNameChar(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c >= 0x80; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of the number at text[i] (CSS Syntax: [+-] digits [. digits]
// [e [+-] digits]), 0 if there is none.
size_t NumberLength(std::string_view text, size_t i) {
  size_t end = i;
  if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
  const size_t digits_start = end;
  while (end < text.size() && IsDigit(text[end])) ++end;
  if (end + 1 < text.size() && text[end] == '.' && IsDigit(text[end + 1])) {
    for (++end; end < text.size() && IsDigit(text[end]);) ++end;
  }
  if (end == digits_start) return 0;
  if (end + 1 < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (exponent < text.size() && IsDigit(text[exponent])) {
      for (end = exponent; end < text.size() && IsDigit(text[end]);) ++end;
    }
  }
  return end - i;
}

bool IsRelativeUnit(std::string_view unit) {
  for (const char* relative : {"em", "ex", "rem", "ch", "vw", "vh", "vmin", "vmax", "%"}) {
    if (unit.size() == std::char_traits<char>::length(relative) &&
        strncasecmp(unit.data(), relative, unit.size()) == 0) {
      return true;
    }
  }
  return false;
}

// The bound as it replaces a number (its sign is kept apart), such that it
// reads as one number exactly where the old one did:
// * when `after` would continue a number written in plain digits, as an
//   exponent ("4e7e7" is 4e7 of unit "e7") or a fraction ("4e74.4" is 4e74
//   then .4), "1000000" would take it ("1000000e7" is 1e13): the bound
//   carries its own exponent then, after which a number takes neither
//   ("1e6e7", "1e6.4");
// * when the number began with '.', what comes before it may end in 'e'
//   ("4e7e.4e99" is 4e7 of unit "e", then .4e99): a bound starting with a
//   digit would be read as that 'e''s exponent, so it starts with '.' too
//   (".1e7").
std::string BoundText(double bound, bool starts_with_dot, std::string_view after) {
  const int exponent = static_cast<int>(std::lround(std::log10(bound)));
  if (starts_with_dot) return ".1e" + std::to_string(exponent + 1);
  const bool exponent_follows =
      after.size() >= 2 && (after[0] == 'e' || after[0] == 'E') &&
      (IsDigit(after[1]) || ((after[1] == '+' || after[1] == '-') && after.size() >= 3 && IsDigit(after[2])));
  const bool fraction_follows = after.size() >= 2 && after[0] == '.' && IsDigit(after[1]);
  if (exponent_follows || fraction_follows) return "1e" + std::to_string(exponent);
  return std::to_string(static_cast<long>(bound));
}

}  // namespace

std::string BoundedNumbers(std::string_view declaration) {
  const size_t colon = declaration.find(':');
  if (colon == std::string_view::npos) return std::string(declaration);
  std::string_view name = declaration.substr(0, colon);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  const bool font = (name.size() == 4 && strncasecmp(name.data(), "font", 4) == 0) ||
                    (name.size() == 9 && strncasecmp(name.data(), "font-size", 9) == 0);

  std::string out;  // built only once a number is bounded
  size_t copied = 0;
  int in_url = 0;
  for (size_t i = colon + 1; i < declaration.size(); ++i) {
    const char c = declaration[i];
    if (c == '"' || c == '\'') {
      for (++i; i < declaration.size() && declaration[i] != c; ++i) {
        if (declaration[i] == '\\') ++i;
      }
      continue;
    }
    if (c == '\\' || c == '#') {  // an escape, or a hex colour: not numbers
      while (i + 1 < declaration.size() && IsNameChar(static_cast<unsigned char>(declaration[i + 1]))) ++i;
      continue;
    }
    if (c == '(') {
      const bool url = i >= 3 && strncasecmp(declaration.data() + i - 3, "url", 3) == 0;
      if (url || in_url) ++in_url;
      continue;
    }
    if (c == ')') {
      if (in_url) --in_url;
      continue;
    }
    if (in_url) continue;
    const size_t length = NumberLength(declaration, i);
    if (length == 0) {
      // A name ("serif", "-webkit-box", "a1e99"): its digits are no number.
      if (IsNameChar(static_cast<unsigned char>(c))) {
        while (i + 1 < declaration.size() && IsNameChar(static_cast<unsigned char>(declaration[i + 1]))) ++i;
      }
      continue;
    }
    size_t unit_end = i + length;
    while (unit_end < declaration.size() &&
           (std::isalpha(static_cast<unsigned char>(declaration[unit_end])) || declaration[unit_end] == '%')) {
      ++unit_end;
    }
    const std::string_view unit = declaration.substr(i + length, unit_end - i - length);
    const double bound = font || IsRelativeUnit(unit) ? kMaxRelativeNumber : kMaxAbsoluteNumber;
    const double value = std::strtod(std::string(declaration.substr(i, length)).c_str(), nullptr);
    if (!(std::fabs(value) > bound)) {  // also NaN: strtod gives none here
      i = unit_end - 1;
      continue;
    }
    out.append(declaration.substr(copied, i - copied));
    // The sign as written: dropping a '+' would join the bound to a number
    // before it ("+6+6e46" is two numbers, "+61000000" one).
    const bool signed_number = declaration[i] == '+' || declaration[i] == '-';
    if (signed_number) out += declaration[i];
    out += BoundText(bound, declaration[i + (signed_number ? 1 : 0)] == '.', declaration.substr(i + length));
    copied = i + length;
    i = unit_end - 1;
  }
  if (copied == 0) return std::string(declaration);
  out.append(declaration.substr(copied));
  return out;
}

}  // namespace sandtab::renderer
