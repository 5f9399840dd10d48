// The HTTP stack with the browser's CookieStore as its jar: Set-Cookie of
// every response (a redirect's too) is stored, and Cookie is sent on the
// requests RFC 6265 and SameSite say, against loopback servers as sites
// (127.0.0.1 and 127.0.0.2 are two sites; so are 127.0.0.1 and localhost).
#include <gtest/gtest.h>

#include <string>

#include "browser/storage/browser_storage.h"
#include "tests/browser/resource_loader_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::browser {
namespace {

using test::LoopbackHttpServer;

class HttpCookiesTest : public ResourceLoaderTest {
 protected:
  void SetUp() override {
    ResourceLoaderTest::SetUp();
    auto storage = BrowserStorage::Open("");
    ASSERT_TRUE(storage) << storage.error();
    storage_ = std::move(*storage);
    MakeLoader().SetCookieJar(&storage_->cookies());
  }

  static LoopbackHttpServer::Response SetsCookies(std::vector<std::string> lines) {
    LoopbackHttpServer::Response response;
    response.headers = {{"Content-Type", "text/html"}};
    for (auto& line : lines) response.headers.emplace_back("Set-Cookie", std::move(line));
    response.body = "<p>ok</p>";
    return response;
  }

  // A subresource or fetch() of a document of `site`.
  static Requester FromDocumentOf(const std::string& site) {
    Requester requester = Requester::Document(AddressSpace::kLocal);
    requester.cookies.initiator_site = Site::FromText(site);
    return requester;
  }

  std::unique_ptr<BrowserStorage> storage_;
};

TEST_F(HttpCookiesTest, ResponsesSetCookiesThatLaterRequestsSend) {
  LoopbackHttpServer server;
  server.Serve("/login", SetsCookies({"session=abc; Path=/; HttpOnly", "theme=dark; Path=/app"}));
  server.Serve("/app/page", "text/html", "<p>app</p>");
  server.Serve("/other", "text/html", "<p>other</p>");
  ASSERT_TRUE(FetchAndWait(server.Url("/login"))->ok);
  EXPECT_EQ(server.CookieHeaders("/login"), std::vector<std::string>{""});
  ASSERT_TRUE(FetchAndWait(server.Url("/app/page"))->ok);
  ASSERT_TRUE(FetchAndWait(server.Url("/other"))->ok);
  EXPECT_EQ(server.CookieHeaders("/app/page"), std::vector<std::string>{"theme=dark; session=abc"});
  EXPECT_EQ(server.CookieHeaders("/other"), std::vector<std::string>{"session=abc"});
  EXPECT_EQ(storage_->cookies().size(), 2u);
}

TEST_F(HttpCookiesTest, ARedirectsSetCookieIsStoredAndTheNextHopSendsIt) {
  LoopbackHttpServer server;
  LoopbackHttpServer::Response redirect = SetsCookies({"login=yes; Path=/"});
  redirect.status = 302;
  redirect.headers.emplace_back("Location", "/home");
  server.Serve("/login", redirect);
  server.Serve("/home", "text/html", "<p>home</p>");
  auto result = FetchAndWait(server.Url("/login"));
  ASSERT_TRUE(result->ok) << result->error;
  EXPECT_EQ(server.CookieHeaders("/home"), std::vector<std::string>{"login=yes"});
}

TEST_F(HttpCookiesTest, CookiesStayWithTheirHost) {
  LoopbackHttpServer first("127.0.0.1");
  LoopbackHttpServer second("127.0.0.2");
  first.Serve("/set", SetsCookies({"mine=1; Path=/"}));
  first.Serve("/get", "text/html", "");
  second.Serve("/get", "text/html", "");
  ASSERT_TRUE(FetchAndWait(first.Url("/set"))->ok);
  ASSERT_TRUE(FetchAndWait(second.Url("/get"))->ok);
  ASSERT_TRUE(FetchAndWait(first.UrlAs("localhost", "/get"))->ok);
  ASSERT_TRUE(FetchAndWait(first.Url("/get"))->ok);
  EXPECT_EQ(second.CookieHeaders("/get"), std::vector<std::string>{""});
  EXPECT_EQ(first.CookieHeaders("/get"), (std::vector<std::string>{"", "mine=1"}));  // localhost, then 127.0.0.1
}

TEST_F(HttpCookiesTest, SameSiteDecidesWhatCrossSiteRequestsCarry) {
  LoopbackHttpServer server;
  server.Serve("/set", SetsCookies({"strict=1; Path=/; SameSite=Strict", "lax=2; Path=/",
                                    "none=3; Path=/; SameSite=None; Secure"}));
  server.Serve("/get", "text/html", "");
  ASSERT_TRUE(FetchAndWait(server.Url("/set"))->ok);
  const std::string self = "http://127.0.0.1";
  const std::string other = "http://127.0.0.2";
  // Same-site subresource: everything.
  ASSERT_TRUE(FetchAndWait(server.Url("/get"), std::chrono::seconds(10), FromDocumentOf(self))->ok);
  // Cross-site subresource or fetch(): SameSite=None only.
  ASSERT_TRUE(FetchAndWait(server.Url("/get"), std::chrono::seconds(10), FromDocumentOf(other))->ok);
  // Cross-site link: Lax too, not Strict.
  Requester link = FromDocumentOf(other);
  link.cookies.top_level_navigation = true;
  ASSERT_TRUE(FetchAndWait(server.Url("/get"), std::chrono::seconds(10), link)->ok);
  EXPECT_EQ(server.CookieHeaders("/get"),
            (std::vector<std::string>{"strict=1; lax=2; none=3", "none=3", "lax=2; none=3"}));
}

TEST_F(HttpCookiesTest, ACrossSiteSubresourceSetsOnlySameSiteNoneCookies) {
  LoopbackHttpServer server;
  server.Serve("/set", SetsCookies({"lax=1; Path=/", "none=2; Path=/; SameSite=None; Secure"}));
  ASSERT_TRUE(FetchAndWait(server.Url("/set"), std::chrono::seconds(10), FromDocumentOf("http://127.0.0.2"))->ok);
  ASSERT_EQ(storage_->cookies().size(), 1u);
  EXPECT_EQ(storage_->cookies().All()[0].name, "none");
  EXPECT_EQ(storage_->cookies().refused(), 1u);
}

TEST_F(HttpCookiesTest, MalformedSetCookieLinesAreDroppedNotFatal) {
  LoopbackHttpServer server;
  server.Serve("/set", SetsCookies({"=", "x=1; Domain=example.com", std::string(5000, 'a') + "=b", "ok=1"}));
  auto result = FetchAndWait(server.Url("/set"));
  ASSERT_TRUE(result->ok);
  EXPECT_EQ(storage_->cookies().size(), 1u);
  EXPECT_EQ(storage_->cookies().refused(), 3u);
}

}  // namespace
}  // namespace sandtab::browser
