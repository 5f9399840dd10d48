#include "browser/loader/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "proto/limits.h"

namespace sandtab::browser {
namespace {

using ::testing::HasSubstr;

TEST(ParseUrlTest, SchemeIsLowerCasedAndSpecKept) {
  auto url = ParseUrl("HTTP://Example.COM/Path");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->path, "/Path");  // the path keeps its case
  EXPECT_EQ(url->spec, "HTTP://Example.COM/Path");
}

// URL Standard host parsing: a host ending in a number is an IPv4 address
// or an invalid URL (never a name to look up), written in dotted decimal.
TEST(ParseUrlTest, HostsEndingInANumberAreIpv4Addresses) {
  const struct {
    const char* spec;
    const char* host;
  } valid[] = {
      {"http://127.0.0.1:8080/", "127.0.0.1"}, {"http://0x7f.1/", "127.0.0.1"}, {"http://2130706433/", "127.0.0.1"},
      {"http://0177.0.0.1/", "127.0.0.1"},     {"http://10.1/", "10.0.0.1"},    {"http://1.2.3.4./", "1.2.3.4"},
      {"http://example.com/", "example.com"},  {"http://a1.b2/", "a1.b2"},      {"http://[::1]:80/", "::1"},
  };
  for (const auto& c : valid) {
    auto url = ParseUrl(c.spec);
    ASSERT_TRUE(url.ok()) << c.spec << ": " << url.error();
    EXPECT_EQ(url->host, c.host) << c.spec;
  }
  for (const char* spec : {"http://999.1.1.1/", "http://1.2.3.4.5/", "http://256.0.0.1/", "http://1.2.3.256/",
                           "http://4294967296/", "http://08.0.0.1/", "http://1.0x100.0.1/", "http://example.1..2/"}) {
    auto url = ParseUrl(spec);
    ASSERT_FALSE(url.ok()) << spec << " gave host " << url->host;
    EXPECT_THAT(url.error(), HasSubstr("IPv4")) << spec;
  }
  for (const char* spec : {"http://a b/", "http://a<b/", "http://a%41/", "http://a^b/", "http://a|b/"}) {
    auto url = ParseUrl(spec);
    ASSERT_FALSE(url.ok()) << spec;
    EXPECT_THAT(url.error(), HasSubstr("host")) << spec;
  }
}

// Found by url_policy_fuzzer: any host with a colon passed as an IPv6
// literal ("http://a:b:1/" had host "a:b", "http://[::1/" host "[::"), and
// "[1]" was the IPv4 address 0.0.0.1. Brackets hold an IPv6 address, and
// only they do; the address is written in its one canonical form.
TEST(ParseUrlTest, OnlyBracketsHoldAnIpv6AddressAndItIsCanonical) {
  for (const char* spec : {"http://a:b:1/", "http://[::1/", "http://::1:80/", "http://[1]/", "http://[]/",
                           "http://[::1]x/", "http://x[::1]/", "http://[example.com]/", "http://[::1%25lo]/"}) {
    auto url = ParseUrl(spec);
    ASSERT_FALSE(url.ok()) << spec << " gave host " << url->host;
    EXPECT_THAT(url.error(), HasSubstr("IPv6")) << spec;
  }
  const struct {
    const char* spec;
    const char* host;
    int port;
  } valid[] = {{"http://[::1]/", "::1", 80},
               {"http://[0:0:0:0:0:0:0:1]:8080/", "::1", 8080},
               {"http://[FE80::A]/x", "fe80::a", 80},
               {"http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", 80}};
  for (const auto& c : valid) {
    auto url = ParseUrl(c.spec);
    ASSERT_TRUE(url.ok()) << c.spec << ": " << url.error();
    EXPECT_EQ(url->host, c.host) << c.spec;
    EXPECT_EQ(url->port, c.port) << c.spec;
  }
}

TEST(ParseUrlTest, RefusesTextWithoutAScheme) {
  EXPECT_FALSE(ParseUrl("index.html").ok());
  EXPECT_FALSE(ParseUrl("").ok());
  EXPECT_FALSE(ParseUrl(":nothing").ok());
  EXPECT_FALSE(ParseUrl("1http://x/").ok());  // a scheme starts with a letter
  EXPECT_FALSE(ParseUrl("ht tp://x/").ok());  // and has no spaces
  auto bad = ParseUrl("index.html");
  EXPECT_THAT(bad.error(), HasSubstr("no scheme"));
}

TEST(ParseUrlTest, FileUrls) {
  auto url = ParseUrl("file:///srv/pages/index.html");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(url->scheme, "file");
  EXPECT_EQ(url->path, "/srv/pages/index.html");
  EXPECT_TRUE(url->host.empty());
  EXPECT_EQ(url->port, 0);
}

TEST(ParseUrlTest, FilePathIsPercentDecodedAndLosesQueryAndFragment) {
  auto url = ParseUrl("file:///srv/my%20page.html?x=1#top");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(url->path, "/srv/my page.html");
}

TEST(ParseUrlTest, FileUrlsMustBeAbsoluteOnThisHost) {
  EXPECT_FALSE(ParseUrl("file:relative.html").ok());
  EXPECT_FALSE(ParseUrl("file:/etc/passwd").ok());
  EXPECT_FALSE(ParseUrl("file://otherhost/etc/passwd").ok());
  EXPECT_FALSE(ParseUrl("file://").ok());
}

TEST(ParseUrlTest, HttpHostPortPath) {
  auto url = ParseUrl("http://127.0.0.1:8080/a/b?q=1#frag");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->path, "/a/b?q=1");  // path + query, no fragment
}

TEST(ParseUrlTest, HttpDefaults) {
  auto plain = ParseUrl("http://example.com");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->path, "/");
  auto tls = ParseUrl("https://example.com/x");
  ASSERT_TRUE(tls.ok()) << tls.error();
  EXPECT_EQ(tls->port, 443);
  auto query_only = ParseUrl("http://example.com?a=b");
  ASSERT_TRUE(query_only.ok()) << query_only.error();
  EXPECT_EQ(query_only->host, "example.com");
  EXPECT_EQ(query_only->path, "/?a=b");
}

TEST(ParseUrlTest, HttpNeedsAuthorityAndHost) {
  EXPECT_FALSE(ParseUrl("http:example.com").ok());
  EXPECT_FALSE(ParseUrl("http:///path").ok());
  EXPECT_FALSE(ParseUrl("http://:80/").ok());
}

TEST(ParseUrlTest, CredentialsAreRefused) {
  for (const char* spec :
       {"http://user:pass@example.com/", "http://user@example.com/", "http://example.com@evil.com/", "https://a@b/"}) {
    auto url = ParseUrl(spec);
    EXPECT_FALSE(url.ok()) << spec;
    if (!url.ok()) {
      EXPECT_THAT(url.error(), HasSubstr("credentials")) << spec;
    }
  }
  // An @ in the path is not a credential.
  EXPECT_TRUE(ParseUrl("http://example.com/a@b").ok());
}

TEST(ParseUrlTest, BadPortsAreRefused) {
  for (const char* spec : {"http://example.com:/", "http://example.com:0/", "http://example.com:65536/",
                           "http://example.com:99999/", "http://example.com:123456/", "http://example.com:-1/",
                           "http://example.com:8o/", "http://example.com:+80/", "http://example.com: 80/"}) {
    auto url = ParseUrl(spec);
    EXPECT_FALSE(url.ok()) << spec;
    if (!url.ok()) {
      EXPECT_THAT(url.error(), HasSubstr("port")) << spec;
    }
  }
  auto edge = ParseUrl("http://example.com:65535/");
  ASSERT_TRUE(edge.ok()) << edge.error();
  EXPECT_EQ(edge->port, 65535);
  auto one = ParseUrl("http://example.com:1/");
  ASSERT_TRUE(one.ok()) << one.error();
  EXPECT_EQ(one->port, 1);
}

TEST(ParseUrlTest, ControlCharactersAreRefused) {
  using namespace std::string_literals;
  for (const std::string& spec : {"http://example.com/\r\nHost: evil"s, "http://example.com/a\nb"s,
                                  "file:///etc/passwd\0.html"s, "http://exa\rmple.com/"s}) {
    auto url = ParseUrl(spec);
    EXPECT_FALSE(url.ok()) << "accepted a URL with a control character";
    if (!url.ok()) {
      EXPECT_THAT(url.error(), HasSubstr("control"));
    }
  }
}

// ParseUrl's error says "URL contains control characters", but it checks
// only NUL, CR and LF. Tab, ESC, DEL and the other C0 controls pass, into the
// host an http fetch resolves and the request line it sends.
TEST(ParseUrlTest, OtherC0ControlCharactersAreRefused) {
  using namespace std::string_literals;
  for (const std::string& spec :
       {"http://exa\x01mple.com/"s, "http://example.com/a\tb"s, "http://example.com/\x1b[2J"s, "file:///tmp/a\x7f"s}) {
    EXPECT_FALSE(ParseUrl(spec).ok()) << "accepted a control character in '" << spec << "'";
  }
}

// A percent-encoded NUL decodes into the file path; every C API that opens it
// (realpath in LoaderPolicy) stops at the NUL, so the file checked and opened
// is not the one the URL names: "page.html%00.png" loads page.html.
TEST(ParseUrlTest, PercentEncodedNulInAFilePathIsRefused) {
  auto url = ParseUrl("file:///srv/pages/page.html%00.png");
  if (url.ok()) {
    EXPECT_EQ(url->path.find('\0'), std::string::npos) << "the decoded path carries a NUL byte";
  }
}

// Chrome's cap (url::kMaxURLChars, proto/limits.h): inline images as data:
// URLs pass 64 KiB easily.
TEST(ParseUrlTest, OverlongUrlsAreRefused) {
  const std::string prefix = "data:image/png;base64,";
  EXPECT_TRUE(ParseUrl(prefix + std::string(100 * 1024, 'A')).ok());
  EXPECT_TRUE(ParseUrl(prefix + std::string(proto::kMaxUrlBytes - prefix.size(), 'A')).ok());
  EXPECT_FALSE(ParseUrl(prefix + std::string(proto::kMaxUrlBytes - prefix.size() + 1, 'A')).ok());
  EXPECT_TRUE(ParseUrl("http://example.com/" + std::string(1000, 'a')).ok());
}

TEST(ParseUrlTest, AboutAndDataAndOtherSchemes) {
  auto about = ParseUrl("about:blank");
  ASSERT_TRUE(about.ok()) << about.error();
  EXPECT_EQ(about->scheme, "about");
  EXPECT_EQ(about->path, "blank");
  auto data = ParseUrl("data:text/plain,a#b");
  ASSERT_TRUE(data.ok()) << data.error();
  EXPECT_EQ(data->scheme, "data");
  EXPECT_EQ(data->path, "text/plain,a#b");  // data: keeps its '#'
  auto js = ParseUrl("javascript:alert(1)");
  ASSERT_TRUE(js.ok()) << js.error();  // parses; the loader policy refuses it
  EXPECT_EQ(js->scheme, "javascript");
  auto ftp = ParseUrl("ftp://example.com/file");
  ASSERT_TRUE(ftp.ok()) << ftp.error();
  EXPECT_EQ(ftp->scheme, "ftp");
  EXPECT_TRUE(ftp->host.empty());  // hosts are for http(s) only
}

TEST(PercentDecodeTest, Decodes) {
  EXPECT_EQ(PercentDecode("a%20b"), "a b");
  EXPECT_EQ(PercentDecode("%41%42%43"), "ABC");
  EXPECT_EQ(PercentDecode("%2e%2E%2f"), "../");
  EXPECT_EQ(PercentDecode("100%"), "100%");  // a lone % stays
  EXPECT_EQ(PercentDecode("%4"), "%4");      // truncated escape stays
  EXPECT_EQ(PercentDecode("a%4"), "a%4");
  EXPECT_EQ(PercentDecode("%zz%41"), "%zzA");  // not hex stays
  EXPECT_EQ(PercentDecode("%ff"), "\xff");
  EXPECT_EQ(PercentDecode("end%41"), "endA");  // an escape at the very end
  EXPECT_EQ(PercentDecode(""), "");
}

TEST(UrlFromUserInputTest, BareNamesResolveUnderTheContentRoot) {
  EXPECT_EQ(UrlFromUserInput("index.html", "/srv/pages"), "file:///srv/pages/index.html");
  EXPECT_EQ(UrlFromUserInput("pages/index.html", "/srv/pages"), "file:///srv/pages/index.html");
  EXPECT_EQ(UrlFromUserInput("sub/dir.html", "/srv/pages"), "file:///srv/pages/sub/dir.html");
}

TEST(UrlFromUserInputTest, SandtabPagesResolveUnderTheContentRoot) {
  EXPECT_EQ(UrlFromUserInput("sandtab://pages/index.html", "/srv/pages"), "file:///srv/pages/index.html");
  EXPECT_EQ(UrlFromUserInput("sandtab://pages/a/b.html", "/srv/pages"), "file:///srv/pages/a/b.html");
}

TEST(UrlFromUserInputTest, PathsAndFullUrls) {
  EXPECT_EQ(UrlFromUserInput("/tmp/x.html", "/srv/pages"), "file:///tmp/x.html");
  // Extra leading slashes name the same path (not a host, as in "//host/").
  EXPECT_EQ(UrlFromUserInput("//tmp/x.html", "/srv/pages"), "file:///tmp/x.html");
  EXPECT_EQ(UrlFromUserInput("///tmp/x.html", "/srv/pages"), "file:///tmp/x.html");
  EXPECT_EQ(UrlFromUserInput("/", "/srv/pages"), "file:///");
  EXPECT_EQ(UrlFromUserInput("http://example.com/", "/srv/pages"), "http://example.com/");
  EXPECT_EQ(UrlFromUserInput("about:version", "/srv/pages"), "about:version");
  EXPECT_EQ(UrlFromUserInput("data:text/html,hi", "/srv/pages"), "data:text/html,hi");
  // Whatever it produces must parse.
  for (const char* input : {"index.html", "sandtab://pages/index.html", "/tmp/x.html", "http://h/"}) {
    EXPECT_TRUE(ParseUrl(UrlFromUserInput(input, "/srv/pages")).ok()) << input;
  }
}

}  // namespace
}  // namespace sandtab::browser
