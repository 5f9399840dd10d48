#include "renderer/page/nesting_guard.h"

#include <gtest/gtest.h>

#include <string>

#include "renderer/page/page.h"

namespace sandtab::renderer {
namespace {

std::string Nested(int levels) {
  std::string html;
  for (int i = 0; i < levels; ++i) html += "<div class='a>b'>";
  return html + "x";
}

TEST(NestingGuard, ShallowDocumentsAreUntouched) {
  const std::string html = "<!DOCTYPE html><html><body><p>a<p>b<ul><li>x<li>y</ul>"
                           "<!-- <div><div><div> --><script>if (a<b) { '<div>' }</script>"
                           "<img src=x><br/><div/></body></html>";
  EXPECT_EQ(DepthSafePrefixLength(html, 3), html.size());
}

TEST(NestingGuard, CutsWhereTheDepthExceedsTheLimit) {
  const std::string html = Nested(10);
  const size_t cut = DepthSafePrefixLength(html, 4);
  EXPECT_EQ(cut, 4 * std::string("<div class='a>b'>").size());
  EXPECT_EQ(DepthSafePrefixLength(html, 10), html.size());
}

TEST(NestingGuard, ClosedElementsDoNotAccumulate) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div><span>x</span></div>";
  EXPECT_EQ(DepthSafePrefixLength(html, 3), html.size());
  std::string list = "<ul>";
  for (int i = 0; i < 10000; ++i) list += "<li>item <p>para";
  EXPECT_EQ(DepthSafePrefixLength(list, 3), list.size());
}

TEST(NestingGuard, PageSurvivesAbsurdNesting) {
  Page page(Nested(50000), "http://example.test/", 400, 300);
  EXPECT_GT(page.ContentHeight(), 0);
}

}  // namespace
}  // namespace sandtab::renderer
