#include "renderer/page/css/css_logical.h"

#include <strings.h>

#include <cctype>
#include <vector>

namespace sandtab::renderer {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The value's parts at the top level (not inside parentheses or strings),
// split at whitespace.
std::vector<std::string_view> Parts(std::string_view value) {
  std::vector<std::string_view> parts;
  size_t start = std::string_view::npos;
  int parens = 0;
  char quote = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    const char c = i < value.size() ? value[i] : ' ';
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(') {
      ++parens;
    } else if (c == ')' && parens > 0) {
      --parens;
    }
    const bool boundary = !quote && parens == 0 && IsSpace(c);
    if (!boundary && start == std::string_view::npos) start = i;
    if (boundary && start != std::string_view::npos) {
      parts.push_back(value.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  return parts;
}

// Logical names and the physical ones they stand for.
struct Mapping {
  std::string_view logical;
  std::string_view start, end;  // end empty: a one-to-one rename to `start`
  bool pair;                    // "a [b]": start gets a, end gets b (or a)
};

constexpr Mapping kMappings[] = {
    {"margin-inline", "margin-left", "margin-right", true},
    {"margin-block", "margin-top", "margin-bottom", true},
    {"padding-inline", "padding-left", "padding-right", true},
    {"padding-block", "padding-top", "padding-bottom", true},
    {"inset-inline", "left", "right", true},
    {"inset-block", "top", "bottom", true},
    {"border-inline-width", "border-left-width", "border-right-width", true},
    {"border-inline-style", "border-left-style", "border-right-style", true},
    {"border-inline-color", "border-left-color", "border-right-color", true},
    {"border-block-width", "border-top-width", "border-bottom-width", true},
    {"border-block-style", "border-top-style", "border-bottom-style", true},
    {"border-block-color", "border-top-color", "border-bottom-color", true},
    // The whole value on both sides (a border shorthand, not a pair).
    {"border-inline", "border-left", "border-right", false},
    {"border-block", "border-top", "border-bottom", false},
    {"margin-inline-start", "margin-left", "", false},
    {"margin-inline-end", "margin-right", "", false},
    {"margin-block-start", "margin-top", "", false},
    {"margin-block-end", "margin-bottom", "", false},
    {"padding-inline-start", "padding-left", "", false},
    {"padding-inline-end", "padding-right", "", false},
    {"padding-block-start", "padding-top", "", false},
    {"padding-block-end", "padding-bottom", "", false},
    {"inset-inline-start", "left", "", false},
    {"inset-inline-end", "right", "", false},
    {"inset-block-start", "top", "", false},
    {"inset-block-end", "bottom", "", false},
    {"border-inline-start", "border-left", "", false},
    {"border-inline-end", "border-right", "", false},
    {"border-block-start", "border-top", "", false},
    {"border-block-end", "border-bottom", "", false},
    {"border-inline-start-width", "border-left-width", "", false},
    {"border-inline-start-style", "border-left-style", "", false},
    {"border-inline-start-color", "border-left-color", "", false},
    {"border-inline-end-width", "border-right-width", "", false},
    {"border-inline-end-style", "border-right-style", "", false},
    {"border-inline-end-color", "border-right-color", "", false},
    {"border-block-start-width", "border-top-width", "", false},
    {"border-block-start-style", "border-top-style", "", false},
    {"border-block-start-color", "border-top-color", "", false},
    {"border-block-end-width", "border-bottom-width", "", false},
    {"border-block-end-style", "border-bottom-style", "", false},
    {"border-block-end-color", "border-bottom-color", "", false},
    {"inline-size", "width", "", false},
    {"block-size", "height", "", false},
    {"min-inline-size", "min-width", "", false},
    {"max-inline-size", "max-width", "", false},
    {"min-block-size", "min-height", "", false},
    {"max-block-size", "max-height", "", false},
};

}  // namespace

std::string PhysicalDeclarations(std::string_view declaration) {
  const size_t colon = declaration.find(':');
  if (colon == std::string_view::npos) return std::string(declaration);
  const std::string_view name = Trim(declaration.substr(0, colon));
  // Every logical name says "inline" or "block"; most declarations stop here.
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("inline") == std::string::npos && lower.find("block") == std::string::npos) {
    return std::string(declaration);
  }
  const Mapping* mapping = nullptr;
  for (const Mapping& m : kMappings) {
    if (EqualsIgnoringCase(name, m.logical)) mapping = &m;
  }
  if (!mapping) return std::string(declaration);
  // Leading whitespace stays where it was.
  const std::string prefix(declaration.substr(0, declaration.find_first_not_of(" \t\n\r\f")));
  std::string_view value = Trim(declaration.substr(colon + 1));
  std::string important;
  if (const size_t bang = value.rfind('!'); bang != std::string_view::npos) {
    if (EqualsIgnoringCase(Trim(value.substr(bang + 1)), "important")) {
      important = " !important";
      value = Trim(value.substr(0, bang));
    }
  }
  if (value.empty()) return std::string(declaration);
  auto declare = [&important](std::string_view property, std::string_view v) {
    return std::string(property) + ": " + std::string(v) + important;
  };
  if (mapping->end.empty()) return prefix + declare(mapping->start, value);
  if (!mapping->pair) return prefix + declare(mapping->start, value) + ";" + declare(mapping->end, value);
  const std::vector<std::string_view> parts = Parts(value);
  if (parts.empty() || parts.size() > 2) return std::string(declaration);
  return prefix + declare(mapping->start, parts[0]) + ";" + declare(mapping->end, parts.back());
}

}  // namespace sandtab::renderer
