#ifndef SANDTAB_BROWSER_COMMON_HTML_ESCAPE_H_
#define SANDTAB_BROWSER_COMMON_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace sandtab::browser {

// Text made safe to put inside the HTML pages the browser generates (error
// pages, about: pages): URLs and errors may come from a hostile page.
inline std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_HTML_ESCAPE_H_
