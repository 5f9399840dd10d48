#include "renderer/page/url.h"

#include <gtest/gtest.h>

namespace sandtab::renderer {
namespace {

constexpr char kBase[] = "http://example.test/a/b/page.html?x=1#frag";

TEST(ResolveUrl, AbsoluteUrlsAreLeftAlone) {
  EXPECT_EQ(ResolveUrl(kBase, "https://other.test/x.png"), "https://other.test/x.png");
  EXPECT_EQ(ResolveUrl(kBase, "data:image/png;base64,AAAA"), "data:image/png;base64,AAAA");
  EXPECT_EQ(ResolveUrl(kBase, "about:blank"), "about:blank");
  EXPECT_EQ(ResolveUrl(kBase, "file:///etc/hosts"), "file:///etc/hosts");
}

TEST(ResolveUrl, SchemeRelative) { EXPECT_EQ(ResolveUrl(kBase, "//cdn.test/lib.css"), "http://cdn.test/lib.css"); }

TEST(ResolveUrl, RootRelative) {
  EXPECT_EQ(ResolveUrl(kBase, "/img/x.png"), "http://example.test/img/x.png");
  EXPECT_EQ(ResolveUrl(kBase, "/img/../y.png"), "http://example.test/y.png");
}

TEST(ResolveUrl, PathRelative) {
  EXPECT_EQ(ResolveUrl(kBase, "c.png"), "http://example.test/a/b/c.png");
  EXPECT_EQ(ResolveUrl(kBase, "./c.png"), "http://example.test/a/b/c.png");
  EXPECT_EQ(ResolveUrl(kBase, "../c.png"), "http://example.test/a/c.png");
  EXPECT_EQ(ResolveUrl(kBase, "../../../../c.png"), "http://example.test/c.png");
  EXPECT_EQ(ResolveUrl(kBase, "d/"), "http://example.test/a/b/d/");
  EXPECT_EQ(ResolveUrl(kBase, ".."), "http://example.test/a/");
  EXPECT_EQ(ResolveUrl("http://example.test", "x.css"), "http://example.test/x.css");
}

TEST(ResolveUrl, QueryAndFragment) {
  EXPECT_EQ(ResolveUrl(kBase, "?y=2"), "http://example.test/a/b/page.html?y=2");
  EXPECT_EQ(ResolveUrl(kBase, "#top"), "http://example.test/a/b/page.html?x=1#top");
  EXPECT_EQ(ResolveUrl(kBase, "c.html?q=../x#f/../g"), "http://example.test/a/b/c.html?q=../x#f/../g");
  EXPECT_EQ(ResolveUrl(kBase, ""), "http://example.test/a/b/page.html?x=1");
}

TEST(ResolveUrl, FileUrls) {
  EXPECT_EQ(ResolveUrl("file:///srv/pages/index.html", "style.css"), "file:///srv/pages/style.css");
  EXPECT_EQ(ResolveUrl("file:///srv/pages/index.html", "../x.png"), "file:///srv/x.png");
}

TEST(ResolveUrl, WhitespaceIsTrimmed) { EXPECT_EQ(ResolveUrl(kBase, "  c.png\n"), "http://example.test/a/b/c.png"); }

// An href wrapped over two lines of source: every browser follows it.
TEST(ResolveUrl, TabsAndNewlinesInsideAreRemoved) {
  EXPECT_EQ(ResolveUrl(kBase, "art\nicle.html"), "http://example.test/a/b/article.html");
  EXPECT_EQ(ResolveUrl(kBase, "im\tages/\r\nx.png"), "http://example.test/a/b/images/x.png");
  EXPECT_EQ(ResolveUrl(kBase, "http://other.test/\np"), "http://other.test/p");
  EXPECT_EQ(ResolveUrl(kBase, std::string("\x01\x1f c.png \x00", 11)), "http://example.test/a/b/c.png");
  EXPECT_EQ(ResolveUrl(kBase, "a b.png"), "http://example.test/a/b/a b.png") << "inner spaces stay";
}

TEST(ResolveUrl, NonHierarchicalBaseLeavesRelativeAlone) {
  EXPECT_EQ(ResolveUrl("about:blank", "x.png"), "x.png");
  EXPECT_EQ(ResolveUrl("data:text/html,hi", "x.png"), "x.png");
}

TEST(UrlScheme, LowerCased) {
  EXPECT_EQ(UrlScheme("HTTP://x"), "http");
  EXPECT_EQ(UrlScheme("data:,"), "data");
  EXPECT_EQ(UrlScheme("relative/path"), "");
}

}  // namespace
}  // namespace sandtab::renderer
