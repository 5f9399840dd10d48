// Style matching through a RuleIndex (renderer/page/css/rule_index.h): where
// selectors are filed, which ones an element gets to test, that the index is
// what styles a page, and that it styles pages exactly as litehtml's own loop
// over the whole sheet does (random pages and sheets, compared in pixels).
#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "renderer/page/page.h"
#include "renderer/page/css/rule_index.h"
#include "tests/renderer/page_fixture.h"

namespace sandtab::renderer {
namespace {

using testing::Canvas;

constexpr char kUrl[] = "http://example.test/rules.html";

std::string BucketOf(const std::string& text) {
  litehtml::css_selector selector(nullptr, "");
  EXPECT_TRUE(selector.parse(text)) << text;
  return RuleIndex::BucketOf(selector);
}

TEST(RuleIndex, FilesEachSelectorUnderTheMostSelectivePartOfItsRightmostCompound) {
  EXPECT_EQ(BucketOf("#Nav a.X"), ".x");  // the rightmost compound only
  EXPECT_EQ(BucketOf("div#Main.c"), "#main");
  EXPECT_EQ(BucketOf("[id=Q]"), "#q");  // litehtml tests [id=x] as it tests #x
  EXPECT_EQ(BucketOf(".A.b"), ".a");    // needs both: either one will do
  EXPECT_EQ(BucketOf("ul > li:first-child"), "li");
  EXPECT_EQ(BucketOf("p::before"), "p");
  EXPECT_EQ(BucketOf("*"), "*");
  EXPECT_EQ(BucketOf(":hover"), "*");
  EXPECT_EQ(BucketOf("[title]"), "*");
  // [class=x] has no class tokens: litehtml matches it on any element with
  // a class attribute, so it cannot be filed under x.
  EXPECT_EQ(BucketOf("[class=x]"), "*");
  EXPECT_EQ(BucketOf("div[class=x]"), "div");
}

// Which selector a position is: each rule below sets its own z-index.
std::vector<std::string> Styles(const litehtml::css& sheet, const std::vector<uint32_t>& positions) {
  std::vector<std::string> styles;
  for (uint32_t position : positions) styles.push_back(sheet.selectors().at(position)->m_style);
  return styles;
}

TEST(RuleIndex, CandidatesAreEverySelectorThatCanMatchInSheetOrderEachOnce) {
  litehtml::css sheet;
  // No at-rules, so the sheet needs no document.
  sheet.parse_stylesheet(
      "p{z-index:0} .A{z-index:1} #Top{z-index:2} div p.b{z-index:3} *{z-index:4} span{z-index:5} "
      ".c{z-index:6} [id=TOP]{z-index:7} :first-child{z-index:8} #other{z-index:9} .a.c{z-index:10}",
      "", nullptr, nullptr);
  ASSERT_EQ(sheet.selectors().size(), 11u);
  RuleIndex index(sheet);
  std::vector<uint32_t> candidates;
  // An element <p id="top" class="a A b">: ids and classes fold case, as
  // litehtml compares them; "a" and "A" name one bucket, listed once.
  index.Candidates("p", "top", {"a", "A", "b"}, &candidates);
  EXPECT_EQ(Styles(sheet, candidates), (std::vector<std::string>{"z-index:0", "z-index:1", "z-index:2", "z-index:3",
                                                                 "z-index:4", "z-index:7", "z-index:8", "z-index:10"}));
  index.Candidates("span", nullptr, {}, &candidates);
  EXPECT_EQ(Styles(sheet, candidates), (std::vector<std::string>{"z-index:4", "z-index:5", "z-index:8"}));
}

// The index, not litehtml's loop, styles a page: 100 elements and a sheet
// of 1,000 class rules test a few selectors each instead of the sheet.
TEST(RuleIndex, StylesAPageTestingFewSelectorsPerElement) {
  std::string html = "<style>";
  for (int i = 0; i < 1000; ++i) html += ".r" + std::to_string(i) + "{margin-left:" + std::to_string(i % 7) + "px}";
  html += "</style><body>";
  for (int i = 0; i < 100; ++i) html += "<div class='r" + std::to_string(i * 10) + "'>x</div>";
  TakeRuleIndexCounts();
  { Page page(html, kUrl, 200, 200); }
  const RuleIndexCounts counts = TakeRuleIndexCounts();
  ASSERT_GE(counts.elements, 100u);
  EXPECT_LT(counts.selectors_tested / counts.elements, 100u);

  SetRuleIndexEnabled(false);
  { Page page(html, kUrl, 200, 200); }
  SetRuleIndexEnabled(true);
  EXPECT_EQ(TakeRuleIndexCounts().elements, 0u) << "switched off, litehtml's own loop styles the page";
}

// Random documents and sheets, built from the parts litehtml's matching
// treats differently: tags, ids and classes in either case, the four
// combinators, structural and dynamic pseudo-classes, ::before/::after,
// attribute conditions.
class RandomPage {
 public:
  explicit RandomPage(uint32_t seed) : rng_(seed) {}

  std::string Html() {
    std::string html = "<html><head><style>" + Sheet() + "</style></head><body>";
    for (int i = 0; i < 12; ++i) html += Element(0);
    return html + "</body></html>";
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <size_t N>
  const char* Of(const char* const (&names)[N]) {
    return names[Pick(N)];
  }

  std::string Name(const char* base, int count) {
    std::string name = base + std::to_string(Pick(count));
    if (Pick(3) == 0) name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
  }

  std::string Element(int depth) {
    static const char* const kTags[] = {"div", "p", "span", "a", "em", "b", "ul", "h2", "table"};
    std::string tag = Of(kTags);
    std::string attrs;
    if (Pick(3) == 0) attrs += " id='" + Name("i", 6) + "'";
    if (Pick(3) != 0) {
      attrs += " class='" + Name("c", 5);
      if (Pick(2) == 0) attrs += " " + Name("c", 5);
      attrs += "'";
    }
    if (Pick(4) == 0) attrs += " title='t'";
    if (tag == "a") attrs += " href='#x'";
    std::string inner;
    if (tag == "ul") {
      for (int i = 0; i < 2; ++i) inner += "<li class='" + Name("c", 5) + "'>item</li>";
    } else if (tag == "table") {
      inner =
          "<tr><td class='" + Name("c", 5) + "'>cell</td><td>" + (depth < 3 ? Element(depth + 1) : "") + "</td></tr>";
    } else {
      inner = "w" + std::to_string(Pick(100));
      const int children = depth < 3 ? Pick(3) : 0;
      for (int i = 0; i < children; ++i) inner += Element(depth + 1);
    }
    return "<" + tag + attrs + ">" + inner + "</" + tag + ">";
  }

  std::string Compound() {
    static const char* const kTags[] = {"", "", "*", "div", "p", "span", "a", "li", "td", "em", "ul"};
    static const char* const kPseudo[] = {":first-child", ":last-child", ":nth-child(2n+1)", ":not(.c1)", ":hover",
                                          ":link",        "[title]",     "[class=c2]",       "[id=i1]"};
    std::string compound = Of(kTags);
    if (Pick(4) == 0) compound += "#" + Name("i", 6);
    for (int i = Pick(3); i > 0; --i) compound += "." + Name("c", 5);
    if (Pick(4) == 0) compound += Of(kPseudo);
    return compound.empty() ? "*" : compound;
  }

  std::string Selector() {
    static const char* const kCombinators[] = {" ", " > ", " + ", " ~ "};
    std::string selector = Compound();
    for (int i = Pick(3); i > 0; --i) selector = Compound() + Of(kCombinators) + selector;
    if (Pick(8) == 0) selector += Pick(2) ? "::before" : "::after";
    return selector;
  }

  std::string Declarations() {
    static const char* const kColors[] = {"red", "green", "blue", "#fa0", "#0aa", "purple", "black"};
    static const char* const kDisplay[] = {"block", "inline", "inline-block", "none", "list-item"};
    std::string style = std::string("color:") + Of(kColors);
    switch (Pick(6)) {
      case 0:
        style += std::string(";background-color:") + Of(kColors);
        break;
      case 1:
        style += ";border:" + std::to_string(1 + Pick(4)) + "px solid " + Of(kColors);
        break;
      case 2:
        style += ";margin-left:" + std::to_string(Pick(30)) + "px;padding-top:" + std::to_string(Pick(9)) + "px";
        break;
      case 3:
        style += std::string(";display:") + Of(kDisplay);
        break;
      case 4:
        style += ";font-weight:bold;font-size:" + std::to_string(10 + Pick(12)) + "px";
        break;
      default:
        style += ";content:\"+\";width:" + std::to_string(20 + Pick(200)) + "px";
        break;
    }
    if (Pick(10) == 0) style += " !important";
    return style;
  }

  std::string Sheet() {
    std::string sheet;
    const int rules = 20 + Pick(60);
    for (int i = 0; i < rules; ++i) {
      sheet += Selector();
      if (Pick(5) == 0) sheet += ", " + Selector();
      sheet += " { " + Declarations() + " }\n";
    }
    return sheet;
  }

  std::mt19937 rng_;
};

std::vector<unsigned char> Pixels(const std::string& html, int* content_height) {
  constexpr int kWidth = 320;
  constexpr int kHeight = 480;
  Page page(html, kUrl, kWidth, kHeight);
  *content_height = page.ContentHeight();
  Canvas canvas(kWidth, kHeight);
  canvas.Paint(&page);
  cairo_surface_t* surface = cairo_get_target(canvas.cr());
  cairo_surface_flush(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  return std::vector<unsigned char>(data, data + cairo_image_surface_get_stride(surface) * kHeight);
}

TEST(RuleIndex, RandomPagesComeOutAsLitehtmlsOwnMatchingDrawsThem) {
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const std::string html = RandomPage(seed).Html();
    SCOPED_TRACE("seed " + std::to_string(seed) + ":\n" + html);
    int indexed_height = 0;
    int plain_height = 0;
    const std::vector<unsigned char> indexed = Pixels(html, &indexed_height);
    SetRuleIndexEnabled(false);
    const std::vector<unsigned char> plain = Pixels(html, &plain_height);
    SetRuleIndexEnabled(true);
    EXPECT_EQ(indexed_height, plain_height);
    ASSERT_TRUE(indexed == plain) << "the index styled this page differently";
  }
}

}  // namespace
}  // namespace sandtab::renderer
