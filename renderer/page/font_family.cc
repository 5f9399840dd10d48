// FamilyForCss(): CSS font-family lists to the three families we ship.
#include <cctype>
#include <string>
#include <string_view>

#include "renderer/page/font_set.h"

namespace sandtab::renderer {
namespace {

struct Alias {
  const char* css_name;  // lower case
  const char* family;
};

// Generic families first, then the names pages most often ask for; each maps
// to the DejaVu face with the closest metrics and feel.
constexpr Alias kAliases[] = {
    {"sans-serif", kSansFamily},
    {"serif", kSerifFamily},
    {"monospace", kMonoFamily},
    {"system-ui", kSansFamily},
    {"ui-sans-serif", kSansFamily},
    {"ui-serif", kSerifFamily},
    {"ui-monospace", kMonoFamily},
    {"-apple-system", kSansFamily},
    {"cursive", kSerifFamily},
    {"fantasy", kSansFamily},
    {"arial", kSansFamily},
    {"helvetica", kSansFamily},
    {"helvetica neue", kSansFamily},
    {"verdana", kSansFamily},
    {"tahoma", kSansFamily},
    {"segoe ui", kSansFamily},
    {"roboto", kSansFamily},
    {"trebuchet ms", kSansFamily},
    {"times", kSerifFamily},
    {"times new roman", kSerifFamily},
    {"georgia", kSerifFamily},
    {"cambria", kSerifFamily},
    {"garamond", kSerifFamily},
    {"palatino", kSerifFamily},
    {"courier", kMonoFamily},
    {"courier new", kMonoFamily},
    {"consolas", kMonoFamily},
    {"menlo", kMonoFamily},
    {"monaco", kMonoFamily},
    {"lucida console", kMonoFamily},
    {"dejavu sans", kSansFamily},
    {"dejavu serif", kSerifFamily},
    {"dejavu sans mono", kMonoFamily},
};

std::string Normalize(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '"' || c == '\'') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const size_t begin = out.find_first_not_of(" \t\n\r\f");
  if (begin == std::string::npos) return {};
  const size_t end = out.find_last_not_of(" \t\n\r\f");
  return out.substr(begin, end - begin + 1);
}

const char* Lookup(const std::string& name) {
  for (const Alias& alias : kAliases) {
    if (name == alias.css_name) return alias.family;
  }
  // Families named after their kind ("Liberation Mono", "Noto Serif").
  if (name.find("mono") != std::string::npos) return kMonoFamily;
  if (name.find("sans") != std::string::npos) return kSansFamily;
  if (name.find("serif") != std::string::npos) return kSerifFamily;
  return nullptr;
}

}  // namespace

const char* FamilyForCss(std::string_view css_family_list) {
  while (!css_family_list.empty()) {
    const size_t comma = css_family_list.find(',');
    if (const char* family = Lookup(Normalize(css_family_list.substr(0, comma)))) return family;
    if (comma == std::string_view::npos) break;
    css_family_list.remove_prefix(comma + 1);
  }
  return kDefaultFamily;
}

}  // namespace sandtab::renderer
