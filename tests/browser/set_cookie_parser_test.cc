#include "browser/storage/set_cookie_parser.h"

#include "browser/loader/site.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sandtab::browser {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;  // 2023-11-14 22:13:20 UTC

bool FakePublicSuffix(std::string_view domain) {
  static const std::set<std::string, std::less<>> kSuffixes = {"com", "uk", "co.uk", "io", "github.io"};
  return kSuffixes.count(domain) > 0;
}

Url U(const std::string& spec) {
  auto url = ParseUrl(spec);
  EXPECT_TRUE(url) << url.error();
  return *url;
}

Result<Cookie> Parse(std::string_view line, const std::string& url = "http://www.example.com/docs/page.html") {
  return ParseSetCookie(line, U(url), kNow, FakePublicSuffix);
}

TEST(SetCookieParserTest, NameValueAndDefaults) {
  auto cookie = Parse("  sid = abc 123 ");
  ASSERT_TRUE(cookie) << cookie.error();
  EXPECT_EQ(cookie->name, "sid");
  EXPECT_EQ(cookie->value, "abc 123");
  EXPECT_EQ(cookie->domain, "www.example.com");
  EXPECT_TRUE(cookie->host_only);
  EXPECT_EQ(cookie->path, "/docs");  // the default path: the URL's directory
  EXPECT_EQ(cookie->same_site, SameSite::kLax);
  EXPECT_FALSE(cookie->persistent());
  EXPECT_FALSE(cookie->secure);
  EXPECT_FALSE(cookie->http_only);
}

TEST(SetCookieParserTest, NoEqualsIsAValueWithAnEmptyName) {
  auto cookie = Parse("justavalue");
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->name, "");
  EXPECT_EQ(cookie->value, "justavalue");
  EXPECT_FALSE(Parse("=; Path=/"));
  EXPECT_FALSE(Parse(""));
}

TEST(SetCookieParserTest, ControlCharactersAndSizeAreRefused) {
  EXPECT_FALSE(Parse(std::string("a=b\x01") + "c"));
  EXPECT_FALSE(Parse("a=b\x7f"));
  EXPECT_TRUE(Parse(std::string(2000, 'n') + "=" + std::string(2096, 'v')));
  auto too_long = Parse(std::string(2000, 'n') + "=" + std::string(2097, 'v'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().find("4096"), std::string::npos);
  EXPECT_FALSE(Parse("a=b; " + std::string(9000, 'x')));
}

TEST(SetCookieParserTest, MaxAgeWinsOverExpiresAndIsCapped) {
  auto cookie = Parse("a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60");
  ASSERT_TRUE(cookie);
  EXPECT_EQ(*cookie->expiry_ms, kNow + 60'000);
  cookie = Parse("a=b; Max-Age=60; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(*cookie->expiry_ms, kNow + 60'000);  // order does not matter
  cookie = Parse("a=b; Max-Age=99999999999999999999");
  EXPECT_EQ(*cookie->expiry_ms, kNow + kMaxCookieLifetimeMs);
  cookie = Parse("a=b; Max-Age=0");
  EXPECT_TRUE(cookie->ExpiredAt(kNow));
  cookie = Parse("a=b; Max-Age=-5");
  EXPECT_TRUE(cookie->ExpiredAt(kNow));
  cookie = Parse("a=b; Max-Age=1x");  // not digits: ignored
  EXPECT_FALSE(cookie->persistent());
}

TEST(SetCookieParserTest, ExpiresInTheCookieDateFormats) {
  auto cookie = Parse("a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
  ASSERT_TRUE(cookie);
  EXPECT_EQ(*cookie->expiry_ms, 1445412480000);
  EXPECT_TRUE(cookie->ExpiredAt(kNow));
  // RFC 850 and asctime forms, two-digit years.
  EXPECT_EQ(*Parse("a=b; expires=Wednesday, 21-Oct-15 07:28:00 GMT")->expiry_ms, 1445412480000);
  EXPECT_EQ(*Parse("a=b; expires=Wed Oct 21 07:28:00 2015")->expiry_ms, 1445412480000);
  // Unparseable or impossible dates are ignored: a session cookie.
  EXPECT_FALSE(Parse("a=b; expires=tomorrow")->persistent());
  EXPECT_FALSE(Parse("a=b; expires=Wed, 31 Feb 2015 07:28:00 GMT")->persistent());
  EXPECT_FALSE(Parse("a=b; expires=Wed, 21 Oct 2015 25:28:00 GMT")->persistent());
  // Far future: capped at 400 days.
  EXPECT_EQ(*Parse("a=b; expires=Fri, 01 Jan 2100 00:00:00 GMT")->expiry_ms, kNow + kMaxCookieLifetimeMs);
}

TEST(SetCookieParserTest, DomainAttribute) {
  auto cookie = Parse("a=b; Domain=.Example.COM");
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->domain, "example.com");
  EXPECT_FALSE(cookie->host_only);
  auto other = Parse("a=b; Domain=other.com");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().find("does not cover"), std::string::npos);
  EXPECT_FALSE(Parse("a=b; Domain=ww.example.com"));  // not a suffix at a label boundary
  auto suffix = Parse("a=b; Domain=com");
  ASSERT_FALSE(suffix);
  EXPECT_NE(suffix.error().find("public suffix"), std::string::npos);
  EXPECT_FALSE(Parse("a=b; Domain=github.io", "http://me.github.io/"));
  // A public suffix naming the host itself is a host-only cookie.
  auto self = Parse("a=b; Domain=github.io", "http://github.io/");
  ASSERT_TRUE(self);
  EXPECT_TRUE(self->host_only);
  // An empty Domain is ignored; the last one wins.
  EXPECT_TRUE(Parse("a=b; Domain=")->host_only);
  EXPECT_EQ(Parse("a=b; Domain=other.com; Domain=example.com")->domain, "example.com");
}

TEST(SetCookieParserTest, DomainOnIpAddressesIsTheAddressOnly) {
  EXPECT_TRUE(Parse("a=b; Domain=127.0.0.1", "http://127.0.0.1:8080/"));
  EXPECT_FALSE(Parse("a=b; Domain=0.0.1", "http://127.0.0.1:8080/"));
  EXPECT_FALSE(Parse("a=b; Domain=127.0.0.2", "http://127.0.0.1:8080/"));
}

TEST(SetCookieParserTest, PathAttribute) {
  EXPECT_EQ(Parse("a=b; Path=/")->path, "/");
  EXPECT_EQ(Parse("a=b; Path=/x/y")->path, "/x/y");
  EXPECT_EQ(Parse("a=b; Path=relative")->path, "/docs");
  EXPECT_EQ(Parse("a=b", "http://example.com/")->path, "/");
  EXPECT_EQ(Parse("a=b", "http://example.com/page?x=/y/z")->path, "/");
}

TEST(SetCookieParserTest, SecureSameSiteAndPrefixes) {
  EXPECT_FALSE(Parse("a=b; Secure"));                      // from http://www.example.com
  EXPECT_TRUE(Parse("a=b; Secure", "http://127.0.0.1/"));  // loopback counts as secure
  EXPECT_TRUE(Parse("a=b; Secure", "http://localhost/"));
  EXPECT_EQ(Parse("a=b; SameSite=Strict")->same_site, SameSite::kStrict);
  EXPECT_EQ(Parse("a=b; samesite=LAX")->same_site, SameSite::kLax);
  EXPECT_EQ(Parse("a=b; SameSite=bogus")->same_site, SameSite::kLax);
  auto none = Parse("a=b; SameSite=None");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().find("SameSite=None without Secure"), std::string::npos);
  EXPECT_EQ(Parse("a=b; SameSite=None; Secure", "http://localhost/")->same_site, SameSite::kNone);
  EXPECT_TRUE(Parse("a=b; HttpOnly")->http_only);
  EXPECT_FALSE(Parse("__Secure-a=b"));
  EXPECT_TRUE(Parse("__Secure-a=b; Secure", "http://localhost/x/y"));
  EXPECT_FALSE(Parse("__Host-a=b; Secure", "http://localhost/x/y"));  // default path /x
  EXPECT_TRUE(Parse("__Host-a=b; Secure; Path=/", "http://localhost/x/y"));
  EXPECT_FALSE(Parse("__Host-a=b; Secure; Path=/; Domain=localhost", "http://localhost/"));
}

TEST(SetCookieParserTest, DomainIsCheckedAgainstThePublicSuffixList) {
  auto check = [](std::string_view line, const std::string& url) {
    return ParseSetCookie(line, U(url), kNow, IsPublicSuffix).ok();
  };
  EXPECT_TRUE(check("a=b; Domain=example.co.uk", "http://www.example.co.uk/"));
  EXPECT_FALSE(check("a=b; Domain=co.uk", "http://www.example.co.uk/"));
  EXPECT_FALSE(check("a=b; Domain=github.io", "http://me.github.io/"));
  EXPECT_FALSE(check("a=b; Domain=localhost", "http://a.localhost/"));
  EXPECT_TRUE(check("a=b; Domain=localhost", "http://localhost/"));  // host-only
}

TEST(CookieMatchingTest, DomainAndPathMatch) {
  EXPECT_TRUE(DomainMatches("example.com", "example.com"));
  EXPECT_TRUE(DomainMatches("www.example.com", "example.com"));
  EXPECT_FALSE(DomainMatches("wwwexample.com", "example.com"));
  EXPECT_FALSE(DomainMatches("example.com", "www.example.com"));
  EXPECT_TRUE(PathMatches("/docs", "/docs"));
  EXPECT_TRUE(PathMatches("/docs/a", "/docs"));
  EXPECT_TRUE(PathMatches("/docs/a", "/docs/"));
  EXPECT_FALSE(PathMatches("/docsx", "/docs"));
  EXPECT_FALSE(PathMatches("/", "/docs"));
  EXPECT_TRUE(PathMatches("/docs?q=1", "/docs"));
  EXPECT_EQ(DefaultCookiePath("/a/b/c"), "/a/b");
  EXPECT_EQ(DefaultCookiePath("/a"), "/");
  EXPECT_EQ(DefaultCookiePath(""), "/");
}

}  // namespace
}  // namespace sandtab::browser
