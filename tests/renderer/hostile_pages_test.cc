// Random hostile pages through the whole Page (parse, style, lay out, paint,
// links, embeds): sheets with extreme, negative, unknown and table-internal
// values on any element (the root included), markup with absurd spans and
// sizes. The renderer runs untrusted pages, so none of them may crash it: a
// crash ends this test binary, which is how this test fails. Seeded, so a failure names its page. The same
// vocabulary, run over hundreds of seeds through page_render, found the
// root-display crash (css_rules_test.cc, TheRootIsBlockified).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

class HostilePage {
 public:
  explicit HostilePage(uint32_t seed) : rng_(seed) {}

  std::string Html() {
    std::string html = "<html><head><style>";
    for (int i = Pick(5, 60); i > 0; --i) {
      html += Selector();
      for (int more = Pick(0, 2); more > 0; --more) html += ", " + Selector();
      html += " {";
      for (int d = Pick(1, 6); d > 0; --d) html += Declaration() + ";";
      html += "}\n";
    }
    html += "</style></head><body>";
    for (int i = Pick(1, 8); i > 0; --i) html += Element(0);
    return html + "</body></html>";
  }

 private:
  int Pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  template <size_t N>
  const char* Of(const char* const (&words)[N]) {
    return words[Pick(0, N - 1)];
  }

  std::string Selector() {
    static const char* const kSelectors[] = {"html",
                                             "body",
                                             "div",
                                             "p",
                                             "*",
                                             ".a",
                                             "#b",
                                             "a:hover",
                                             "li:nth-child(2n+1)",
                                             "li:nth-child(0n+0)",
                                             "p::before",
                                             "div::after",
                                             "div > p",
                                             "a + b",
                                             "td ~ td",
                                             ":not(.a)",
                                             "[title]",
                                             "[class=a]",
                                             "td:first-child",
                                             "*:last-child",
                                             "table",
                                             "tr",
                                             "col",
                                             "img"};
    return Of(kSelectors);
  }

  std::string Declaration() {
    static const char* const kProperties[] = {"width",           "height",       "margin",
                                              "padding",         "font-size",    "line-height",
                                              "border-width",    "display",      "float",
                                              "position",        "top",          "left",
                                              "content",         "white-space",  "text-indent",
                                              "list-style-type", "z-index",      "overflow",
                                              "border-radius",   "max-width",    "min-height",
                                              "vertical-align",  "text-align",   "border-spacing",
                                              "clear",           "border-style", "background-position",
                                              "letter-spacing",  "word-spacing", "font-weight"};
    static const char* const kValues[] = {
        "0",         "-1px",         "99999px",       "1e9px",        "-1e9px",         "100%",
        "-50%",      "auto",         "none",          "inherit",      "999999999999em", "0.0001px",
        "nan",       "\"x\"",        "attr(title)",   "counter(a)",   "table",          "table-cell",
        "table-row", "table-column", "table-caption", "inline-table", "inline-block",   "list-item",
        "left",      "right",        "absolute",      "fixed",        "relative",       "pre",
        "nowrap",    "upper-roman",  "decimal",       "hidden",       "scroll",         "-3",
        "\"\"",      "1e400px",      "3ex",           "10vmax",       "solid",          "dotted",
        "bold",      "900",          "-100000"};
    return std::string(Of(kProperties)) + ":" + Of(kValues);
  }

  std::string Element(int depth) {
    static const char* const kTags[] = {"div",      "p",     "span",  "a",   "li",  "ul",  "ol",     "table",   "tr",
                                        "td",       "th",    "b",     "img", "br",  "pre", "h1",     "caption", "col",
                                        "colgroup", "thead", "tbody", "sub", "sup", "em",  "center", "embed"};
    static const char* const kSpans[] = {"0", "1", "99999", "-1", "3", "abc"};
    const std::string tag = Of(kTags);
    std::string attrs;
    if (Pick(0, 2) == 0) attrs += " class=a";
    if (Pick(0, 4) == 0) attrs += " id=b";
    if (Pick(0, 4) == 0) attrs += " title=t" + std::to_string(Pick(0, 9));
    if (Pick(0, 9) == 0) attrs += " style='" + Declaration() + "'";
    if (tag == "td" || tag == "th") attrs += std::string(" colspan=") + Of(kSpans) + " rowspan=" + Of(kSpans);
    if (tag == "img" || tag == "embed") attrs += std::string(" width=") + Of(kSpans) + " height=" + Of(kSpans);
    if (tag == "img" || tag == "br" || tag == "col" || tag == "embed") return "<" + tag + attrs + ">";
    std::string inner;
    if (depth < 6) {
      for (int i = Pick(0, 3); i > 0; --i) inner += Element(depth + 1);
    }
    static const char* const kText[] = {"", "text ", "averyveryverylongwordwithoutanybreaks", "&nbsp;&#0;&#x110000;"};
    inner += Of(kText);
    return "<" + tag + attrs + ">" + inner + "</" + tag + ">";
  }

  std::mt19937 rng_;
};

TEST(HostilePages, RandomHostilePagesDoNotCrashThePage) {
  for (uint32_t seed = 1; seed <= 80; ++seed) {
    const std::string html = HostilePage(seed).Html();
    SCOPED_TRACE("seed " + std::to_string(seed));
    for (int width : {400, 16}) {
      Page page(html, "http://example.test/hostile.html", width, 300);
      testing::Canvas canvas(width, 300);
      canvas.Paint(&page);
      page.Paint(canvas.cr(), page.ContentHeight() / 2);
      (void)page.LinkAt(width / 2, 10);
      (void)page.Embeds();
    }
  }
}

}  // namespace
}  // namespace sandtab::renderer
