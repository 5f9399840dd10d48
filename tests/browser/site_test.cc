#include "browser/loader/site.h"

#include <gtest/gtest.h>

#include <string>

namespace sandtab::browser {
namespace {

std::string SiteText(const std::string& spec, const std::string& content_root = "") {
  auto url = ParseUrl(spec);
  EXPECT_TRUE(url.ok()) << spec << ": " << url.error();
  return url.ok() ? SiteForUrl(*url, content_root).ToString() : "";
}

TEST(SiteTest, RegistrableDomainComesFromThePublicSuffixList) {
  EXPECT_EQ(SiteText("http://example.com/"), "http://example.com");
  EXPECT_EQ(SiteText("http://www.example.com/a"), "http://example.com");
  EXPECT_EQ(SiteText("http://a.b.c.example.com/"), "http://example.com");
  // Multi-label public suffixes: a hand-written "last two labels" rule would
  // make every British company one site.
  EXPECT_EQ(SiteText("http://www.example.co.uk/"), "http://example.co.uk");
  EXPECT_NE(SiteText("http://example.co.uk/"), SiteText("http://other.co.uk/"));
  // Private suffixes count too: each github.io user is their own site.
  EXPECT_EQ(SiteText("http://a.b.github.io/"), "http://b.github.io");
  EXPECT_NE(SiteText("http://alice.github.io/"), SiteText("http://bob.github.io/"));
}

TEST(SiteTest, AHostThatIsAPublicSuffixIsItsOwnSite) {
  EXPECT_EQ(SiteText("http://localhost:8080/"), "http://localhost");
  EXPECT_EQ(SiteText("http://github.io/"), "http://github.io");
  EXPECT_EQ(SiteText("http://co.uk/"), "http://co.uk");
}

TEST(SiteTest, EachIpAddressIsItsOwnSite) {
  EXPECT_EQ(SiteText("http://127.0.0.1:8000/"), "http://127.0.0.1");
  EXPECT_EQ(SiteText("http://127.0.0.2/"), "http://127.0.0.2");
  EXPECT_NE(SiteText("http://127.0.0.1/"), SiteText("http://127.0.0.2/"));
  // An IPv4 address is not cut to "0.1" by the public-suffix rules.
  EXPECT_EQ(SiteText("http://10.0.0.1/"), "http://10.0.0.1");
  EXPECT_EQ(SiteText("http://[::1]:8080/"), "http://[::1]");
  EXPECT_EQ(SiteText("http://[2001:DB8::1]/"), "http://[2001:db8::1]");
  // 127.0.0.1, localhost and 127.0.0.2: the three sites of the integration tests.
  EXPECT_NE(SiteText("http://localhost/"), SiteText("http://127.0.0.1/"));
}

TEST(SiteTest, PortsAndCaseAreIgnoredSchemesAreNot) {
  EXPECT_EQ(SiteText("http://example.com:8080/"), SiteText("http://example.com:9090/x"));
  EXPECT_EQ(SiteText("HTTP://WWW.Example.COM/"), "http://example.com");
  EXPECT_NE(SiteText("http://example.com/"), SiteText("https://example.com/"));
  // A Url built by hand rather than parsed is lower-cased too.
  Url url;
  url.scheme = "http";
  url.host = "Mail.Example.COM";
  EXPECT_EQ(SiteForUrl(url).ToString(), "http://example.com");
}

TEST(SiteTest, FileUrlsAreOneSiteAndThePagesAnother) {
  EXPECT_EQ(SiteText("file:///etc/hosts"), "file://");
  EXPECT_EQ(SiteText("file:///tmp/a.html"), SiteText("file:///home/b.html"));
  EXPECT_EQ(SiteText("file:///srv/pages/index.html", "/srv/pages"), "sandtab://pages");
  EXPECT_EQ(SiteText("file:///srv/pages/sub/a.html", "/srv/pages/"), "sandtab://pages");
  // A sibling folder whose name starts like the root is not under it.
  EXPECT_EQ(SiteText("file:///srv/pages-evil/a.html", "/srv/pages"), "file://");
  EXPECT_EQ(SiteText("file:///srv/other.html", "/srv/pages"), "file://");
  // The name a renderer may write for a page is the same site.
  EXPECT_EQ(SiteText("sandtab://pages/article.html"), "sandtab://pages");
  EXPECT_TRUE(SiteForSpec("sandtab://other/x").opaque());
}

TEST(SiteTest, DataAndAboutBlankAreOpaqueAndEqualToNothing) {
  const Site blank = SiteForSpec("about:blank");
  EXPECT_TRUE(blank.opaque());
  EXPECT_TRUE(SiteForSpec("about:blank?x").opaque());
  EXPECT_TRUE(SiteForSpec("data:text/html,hi").opaque());
  EXPECT_EQ(blank.ToString(), "opaque");
  EXPECT_NE(blank, SiteForSpec("about:blank"));
  EXPECT_NE(blank, blank);
  EXPECT_NE(SiteForSpec("data:text/html,a"), SiteForSpec("http://example.com/"));
  // A URL that does not parse has no site to claim.
  EXPECT_TRUE(SiteForSpec("http://999.1.1.1/").opaque());
  EXPECT_TRUE(SiteForSpec("no scheme").opaque());
  EXPECT_TRUE(SiteForSpec("javascript:alert(1)").opaque());
}

TEST(SiteTest, TheBrowsersOwnAboutPagesAreOneSite) {
  EXPECT_EQ(SiteForSpec("about:tabs").ToString(), "about:");
  EXPECT_EQ(SiteForSpec("about:tabs"), SiteForSpec("about:sandbox"));
  EXPECT_FALSE(SiteForSpec("about:sandbox").opaque());
}

TEST(SiteTest, TextFormRoundTrips) {
  const Site site = SiteForSpec("http://www.example.co.uk/");
  EXPECT_EQ(Site::FromText(site.ToString()), site);
  EXPECT_EQ(SiteForSpec("http://a.example.com/"), SiteForSpec("http://b.example.com:81/"));
}

}  // namespace
}  // namespace sandtab::browser
