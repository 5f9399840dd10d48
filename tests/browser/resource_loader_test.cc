// ResourceLoader::Fetch on a real io_context: file, data:, about:,
// refusals, the broker log. http: is in resource_loader_http_test.cc.
#include "browser/loader/resource_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/browser/resource_loader_fixture.h"

namespace sandtab::browser {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST_F(ResourceLoaderTest, FileInsideTheRoot) {
  MakeLoader();
  const std::string url = "file://" + root_ + "/index.html";
  auto result = FetchAndWait(url);
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(result->body, "<p>index</p>");
  EXPECT_EQ(result->mime_type, "text/html");
  EXPECT_EQ(result->final_url, url);
  ASSERT_EQ(loader_->broker_log().size(), 1u);
  EXPECT_EQ(LastLog().url, url);
  EXPECT_EQ(LastLog().tab_id, kTab);
  EXPECT_EQ(LastLog().rule, kFileRule);
  EXPECT_THAT(LastLog().outcome, StartsWith("allowed"));
  EXPECT_THAT(LastLog().outcome, HasSubstr("12 bytes"));
  EXPECT_GT(LastLog().time_ms, 0);

  auto css = FetchAndWait("file://" + root_ + "/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->mime_type, "text/css");
}

// The MIME type a file: document gets from its name: the renderer reads
// .xht/.xhtml documents' style sheets as XML (renderer/page/xml_text.h).
TEST(MimeTypeForPath, ByExtension) {
  EXPECT_EQ(MimeTypeForPath("/a/b.html"), "text/html");
  EXPECT_EQ(MimeTypeForPath("/a/b.htm"), "text/html");
  EXPECT_EQ(MimeTypeForPath("/a/b.xht"), "application/xhtml+xml");
  EXPECT_EQ(MimeTypeForPath("/a/b.xhtml"), "application/xhtml+xml");
  EXPECT_EQ(MimeTypeForPath("/a/b.css"), "text/css");
  EXPECT_EQ(MimeTypeForPath("/a/b.png"), "image/png");
  EXPECT_EQ(MimeTypeForPath("/a/b"), "application/octet-stream");
}

TEST_F(ResourceLoaderTest, RefusedFileNamesTheRule) {
  MakeLoader();
  auto result = FetchAndWait("file:///etc/passwd");
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(result->body.find("root:") == std::string::npos);
  EXPECT_THAT(result->error, HasSubstr(std::string("refused by rule \"") + kFileRule + "\""));
  EXPECT_EQ(LastLog().rule, kFileRule);
  EXPECT_THAT(LastLog().outcome, HasSubstr("refused"));
}

TEST_F(ResourceLoaderTest, RefusedSchemesAndBadUrlsNameTheRule) {
  MakeLoader();
  auto js = FetchAndWait("javascript:alert(1)");
  ASSERT_TRUE(js);
  EXPECT_FALSE(js->ok);
  EXPECT_THAT(js->error, HasSubstr("scheme not allowed"));
  EXPECT_EQ(LastLog().rule, "scheme not allowed");

  auto tls = FetchAndWait("https://example.com/");
  ASSERT_TRUE(tls);
  EXPECT_FALSE(tls->ok);
  EXPECT_THAT(tls->error, HasSubstr("https: not supported"));

  auto bad = FetchAndWait("no scheme here");
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->ok);
  EXPECT_THAT(bad->error, HasSubstr("bad URL"));
  EXPECT_EQ(LastLog().rule, "URL must parse");
}

TEST_F(ResourceLoaderTest, DataBase64) {
  MakeLoader();
  auto result = FetchAndWait("data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==");
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(result->body, "Hello, World!");
  EXPECT_EQ(result->mime_type, "text/plain");
  EXPECT_EQ(LastLog().rule, "data: decoded by the browser");

  // Binary bytes survive, including NUL and 0xff.
  auto binary = FetchAndWait("data:application/octet-stream;base64,AP8A/w==");
  ASSERT_TRUE(binary);
  ASSERT_TRUE(binary->ok) << binary->error;
  EXPECT_EQ(binary->body, std::string("\x00\xff\x00\xff", 4));
}

TEST_F(ResourceLoaderTest, DataPercentEncoded) {
  MakeLoader();
  auto result = FetchAndWait("data:text/html;charset=utf-8,%3Cp%3Ehi%20there%3C%2Fp%3E");
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(result->body, "<p>hi there</p>");
  EXPECT_EQ(result->mime_type, "text/html");  // parameters dropped

  auto plain = FetchAndWait("data:,abc");
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->ok) << plain->error;
  EXPECT_EQ(plain->body, "abc");
  EXPECT_EQ(plain->mime_type, "text/plain");
}

TEST_F(ResourceLoaderTest, MalformedDataUrlsFail) {
  MakeLoader();
  auto no_comma = FetchAndWait("data:text/plain");
  ASSERT_TRUE(no_comma);
  EXPECT_FALSE(no_comma->ok);
  EXPECT_THAT(no_comma->error, HasSubstr("comma"));
  auto bad64 = FetchAndWait("data:;base64,@@@@");
  ASSERT_TRUE(bad64);
  EXPECT_FALSE(bad64->ok);
  EXPECT_THAT(bad64->error, HasSubstr("base64"));
  EXPECT_THAT(LastLog().outcome, HasSubstr("base64"));
}

TEST_F(ResourceLoaderTest, DataLargerThanTheBodyCapFails) {
  LoaderLimits limits;
  limits.max_body_bytes = 16;
  MakeLoader(limits);
  auto big = FetchAndWait("data:," + std::string(17, 'a'));
  ASSERT_TRUE(big);
  EXPECT_FALSE(big->ok);
  EXPECT_TRUE(big->body.empty());
  EXPECT_THAT(big->error, HasSubstr("body cap"));
  auto fits = FetchAndWait("data:," + std::string(16, 'a'));
  ASSERT_TRUE(fits);
  EXPECT_TRUE(fits->ok) << fits->error;
}

TEST_F(ResourceLoaderTest, AboutPagesComeFromTheProvider) {
  MakeLoader();
  std::vector<std::pair<std::string, int>> asked;
  loader_->SetAboutPageProvider([&](const std::string& name, int tab_id) -> std::string {
    asked.emplace_back(name, tab_id);
    return name == "version" ? "<p>sandtab 0.1</p>" : "";
  });
  auto version = FetchAndWait("about:version");
  ASSERT_TRUE(version);
  EXPECT_TRUE(version->ok) << version->error;
  EXPECT_EQ(version->body, "<p>sandtab 0.1</p>");
  EXPECT_EQ(version->mime_type, "text/html");
  EXPECT_EQ(LastLog().rule, "about: pages generated by the browser");

  auto missing = FetchAndWait("about:nonsense");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->ok);
  EXPECT_THAT(missing->error, HasSubstr("no such page: about:nonsense"));

  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0], std::make_pair(std::string("version"), kTab));
  EXPECT_EQ(asked[1].first, "nonsense");
}

TEST_F(ResourceLoaderTest, AboutWithoutAProviderFails) {
  MakeLoader();
  auto result = FetchAndWait("about:version");
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
}

TEST_F(ResourceLoaderTest, EveryDecisionLandsInTheBrokerLog) {
  MakeLoader();
  loader_->SetAboutPageProvider([](const std::string&, int) { return std::string("x"); });
  const std::vector<std::string> urls = {
      "file://" + root_ + "/index.html", "file:///etc/passwd", "data:,x", "about:blank", "ftp://x/", "nonsense"};
  for (const auto& url : urls) ASSERT_TRUE(FetchAndWait(url));
  EXPECT_EQ(loader_->decisions(), urls.size());
  ASSERT_EQ(loader_->broker_log().size(), urls.size());
  for (size_t i = 0; i < urls.size(); ++i) {
    EXPECT_EQ(loader_->broker_log()[i].url, urls[i]);
    EXPECT_EQ(loader_->broker_log()[i].tab_id, kTab);
    EXPECT_FALSE(loader_->broker_log()[i].rule.empty()) << urls[i];
    EXPECT_FALSE(loader_->broker_log()[i].outcome.empty()) << urls[i];
  }
  loader_->RecordDecision(3, "about:sandbox", "about: pages generated by the browser", "allowed, 1 bytes");
  EXPECT_EQ(loader_->decisions(), urls.size() + 1);
  EXPECT_EQ(LastLog().tab_id, 3);
}

TEST_F(ResourceLoaderTest, ErrorPageEscapesTheUrlAndError) {
  std::string page = ResourceLoader::ErrorPage("file:///<script>", "a \"b\" & c");
  EXPECT_THAT(page, HasSubstr("file:///&lt;script&gt;"));
  EXPECT_THAT(page, HasSubstr("a &quot;b&quot; &amp; c"));
  EXPECT_EQ(page.find("<script>"), std::string::npos);
}

// --- http against a loopback server -----------------------------------------

}  // namespace
}  // namespace sandtab::browser
