// ResourceLoader::Fetch on a real io_context: file, data:, about:, refusals,
// the broker log, and http against a loopback server started by each test.
#include "browser/resource_loader.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "tests/browser/loopback_server.h"
#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::LoopbackServer;
using Clock = std::chrono::steady_clock;

constexpr int kTab = 7;
constexpr char kFileRule[] = "file: only under the content root";
constexpr char kHttpRule[] = "http: fetched by the browser's network stack";

class ResourceLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    root_ = dir_.path() + "/root";
    fs::create_directories(root_);
    std::ofstream(root_ + "/index.html") << "<p>index</p>";
    std::ofstream(root_ + "/style.css") << "p{color:red}";
  }

  ResourceLoader& MakeLoader(LoaderLimits limits = {}) {
    loader_.emplace(io_, LoaderPolicy(root_, limits), /*log_to_stderr=*/false);
    return *loader_;
  }

  // Fetches and runs the loop until the answer arrives, at most `limit`.
  std::optional<FetchResult> FetchAndWait(const std::string& url,
                                          std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::optional<FetchResult> got;
    int calls = 0;
    loader_->Fetch(url, kTab, [&](FetchResult result) {
      ++calls;
      got = std::move(result);
    });
    EXPECT_FALSE(got.has_value()) << "the answer must come through the io_context, not from Fetch itself";
    const auto deadline = Clock::now() + limit;
    while (!got && Clock::now() < deadline) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(got.has_value()) << "no answer within " << limit.count() << " ms for " << url;
    // Let anything left over run, and check the callback ran exactly once.
    io_.restart();
    io_.poll();
    EXPECT_EQ(calls, got ? 1 : 0);
    return got;
  }

  const BrokerLogEntry& LastLog() const {
    static const BrokerLogEntry kNone;
    return loader_->broker_log().empty() ? kNone : loader_->broker_log().back();
  }

  testing::TempDir dir_;
  std::string root_;
  boost::asio::io_context io_;
  std::optional<ResourceLoader> loader_;
};

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
  const std::vector<std::string> urls = {"file://" + root_ + "/index.html", "file:///etc/passwd",
                                         "data:,x", "about:blank", "ftp://x/", "nonsense"};
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

TEST_F(ResourceLoaderTest, Http200WithBody) {
  LoopbackServer server([](const std::string& target, int) {
    return target == "/page?x=1" ? LoopbackServer::Response(200, "<p>served</p>")
                                 : LoopbackServer::Response(404, "no");
  });
  ASSERT_TRUE(server.ok());
  MakeLoader();
  const std::string url = server.Url("/page?x=1#frag");
  auto result = FetchAndWait(url);
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(result->body, "<p>served</p>");
  EXPECT_EQ(result->mime_type, "text/html");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(LastLog().rule, kHttpRule);
  EXPECT_EQ(LastLog().url, url);
  EXPECT_THAT(LastLog().outcome, HasSubstr("13 bytes"));
}

TEST_F(ResourceLoaderTest, HttpErrorStatusFails) {
  LoopbackServer server([](const std::string&, int) { return LoopbackServer::Response(404, "missing"); });
  ASSERT_TRUE(server.ok());
  MakeLoader();
  auto result = FetchAndWait(server.Url("/x"));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("HTTP 404"));
  EXPECT_THAT(LastLog().outcome, HasSubstr("HTTP 404"));
}

TEST_F(ResourceLoaderTest, HttpRedirectChainIsFollowed) {
  LoopbackServer server([](const std::string& target, int port) {
    if (target == "/one") return LoopbackServer::Redirect("/two", 301);
    if (target == "/two") return LoopbackServer::Redirect("http://127.0.0.1:" + std::to_string(port) + "/three", 302);
    if (target == "/three") return LoopbackServer::Redirect("/final", 307);
    if (target == "/final") return LoopbackServer::Response(200, "arrived", "", "text/plain");
    return LoopbackServer::Response(404, "no");
  });
  ASSERT_TRUE(server.ok());
  MakeLoader();
  auto result = FetchAndWait(server.Url("/one"));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(result->body, "arrived");
  EXPECT_EQ(result->mime_type, "text/plain");
  EXPECT_EQ(result->final_url, server.Url("/final"));
  EXPECT_EQ(server.targets(), (std::vector<std::string>{"/one", "/two", "/three", "/final"}));
  // One decision for the whole fetch, logged under the URL asked for.
  ASSERT_EQ(loader_->broker_log().size(), 1u);
  EXPECT_EQ(LastLog().url, server.Url("/one"));
}

// "/4" -> "/5".
std::string NextPath(const std::string& target) {
  std::string next = std::to_string(std::atoi(target.c_str() + 1) + 1);
  next.insert(next.begin(), '/');
  return next;
}

LoopbackServer::Handler EndlessRedirects() {
  return [](const std::string& target, int) {
    return LoopbackServer::Redirect(NextPath(target));
  };
}

TEST_F(ResourceLoaderTest, HttpMoreThanMaxRedirectsIsRefused) {
  LoopbackServer server(EndlessRedirects());
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.max_redirects = 3;
  MakeLoader(limits);
  auto result = FetchAndWait(server.Url("/0"));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("more than 3 redirects"));
  // The first request and exactly three redirects followed, no more.
  EXPECT_EQ(server.requests(), 4);
}

TEST_F(ResourceLoaderTest, HttpExactlyMaxRedirectsIsFollowed) {
  LoopbackServer server([](const std::string& target, int) {
    return std::atoi(target.c_str() + 1) < 3 ? LoopbackServer::Redirect(NextPath(target))
                                             : LoopbackServer::Response(200, "ok");
  });
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.max_redirects = 3;
  MakeLoader(limits);
  auto result = FetchAndWait(server.Url("/0"));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok) << result->error;
  EXPECT_EQ(server.requests(), 4);
}

TEST_F(ResourceLoaderTest, HttpRedirectToAFileIsRefused) {
  const std::string inside = "file://" + root_ + "/index.html";
  LoopbackServer server([inside](const std::string& target, int) {
    if (target == "/passwd") return LoopbackServer::Redirect("file:///etc/passwd");
    if (target == "/inside") return LoopbackServer::Redirect(inside);
    if (target == "/tls") return LoopbackServer::Redirect("https://example.com/");
    return LoopbackServer::Redirect("javascript:alert(1)");
  });
  ASSERT_TRUE(server.ok());
  MakeLoader();
  auto passwd = FetchAndWait(server.Url("/passwd"));
  ASSERT_TRUE(passwd);
  EXPECT_FALSE(passwd->ok);
  EXPECT_EQ(passwd->body.find("root:"), std::string::npos);
  EXPECT_THAT(passwd->error, HasSubstr("refused redirect to file:///etc/passwd"));
  EXPECT_THAT(passwd->error, HasSubstr(kFileRule));
  // Even a file the page itself could load: http never hands over to file:.
  auto inside_result = FetchAndWait(server.Url("/inside"));
  ASSERT_TRUE(inside_result);
  EXPECT_FALSE(inside_result->ok);
  EXPECT_NE(inside_result->body, "<p>index</p>");
  EXPECT_THAT(inside_result->error, HasSubstr("refused redirect"));
  auto tls = FetchAndWait(server.Url("/tls"));
  ASSERT_TRUE(tls);
  EXPECT_FALSE(tls->ok);
  EXPECT_THAT(tls->error, HasSubstr("https: not supported"));
  auto js = FetchAndWait(server.Url("/js"));
  ASSERT_TRUE(js);
  EXPECT_FALSE(js->ok);
  EXPECT_THAT(js->error, HasSubstr("scheme not allowed"));
}

TEST_F(ResourceLoaderTest, HttpBodyOverTheCapIsRefused) {
  LoopbackServer server([](const std::string& target, int) -> std::string {
    const std::string body(5000, 'b');
    if (target == "/declared") return LoopbackServer::Response(200, body);
    // No Content-Length: the body streams until close, so the cap must apply while reading.
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + body;
  });
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.max_body_bytes = 1000;
  MakeLoader(limits);
  for (const char* path : {"/declared", "/streamed"}) {
    auto result = FetchAndWait(server.Url(path));
    ASSERT_TRUE(result) << path;
    EXPECT_FALSE(result->ok) << path;
    EXPECT_LE(result->body.size(), 1000u) << path;
    EXPECT_THAT(result->error, HasSubstr("body cap")) << path;
  }
}

// The Content-Length case above fails because of Boost.Beast 1.74: with
// eager parsing (what http::async_read uses), a body_limit error found in the
// header is overwritten when the first body bytes arrive in the same read
// (basic_parser::put falls through to state::body0), and parse_body never
// checks the limit again. A hostile server then gets any size it declares:
// string_body reserves Content-Length bytes up front, and a reserve that
// cannot be met throws std::bad_alloc out of a completion handler, i.e. out of
// the browser's io_context::run.
TEST_F(ResourceLoaderTest, HttpHugeDeclaredLengthIsRefusedWithoutAllocatingIt) {
  LoopbackServer server([](const std::string&, int) {
    return LoopbackServer::kHang +
           "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1099511627776\r\n\r\nfirst bytes";
  });
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.max_body_bytes = 1000;
  limits.http_timeout_ms = 1000;
  MakeLoader(limits);
  std::optional<FetchResult> result;
  try {
    result = FetchAndWait(server.Url("/huge"), std::chrono::seconds(5));
  } catch (const std::exception& e) {
    FAIL() << "an exception escaped the io_context: " << e.what();
  }
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("body cap"));
}

TEST_F(ResourceLoaderTest, HttpServerThatNeverAnswersTimesOut) {
  LoopbackServer server([](const std::string&, int) { return LoopbackServer::kHang; });
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.http_timeout_ms = 300;
  MakeLoader(limits);
  const auto start = Clock::now();
  auto result = FetchAndWait(server.Url("/slow"), std::chrono::seconds(5));
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("timed out after 300 ms"));
  EXPECT_GE(elapsed, std::chrono::milliseconds(290));
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(ResourceLoaderTest, HttpServerThatStallsMidBodyTimesOut) {
  LoopbackServer server([](const std::string&, int) {
    return LoopbackServer::kHang +
           "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part";
  });
  ASSERT_TRUE(server.ok());
  LoaderLimits limits;
  limits.http_timeout_ms = 300;
  MakeLoader(limits);
  const auto start = Clock::now();
  auto result = FetchAndWait(server.Url("/partial"), std::chrono::seconds(5));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("timed out"));
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2000));
}

TEST_F(ResourceLoaderTest, HttpClosedPortFailsFast) {
  // A port that was just free: bound, never listened on, closed.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  ::close(fd);

  MakeLoader();  // default 5 s timeout: failing fast must not mean waiting for it
  const auto start = Clock::now();
  auto result = FetchAndWait("http://127.0.0.1:" + std::to_string(port) + "/", std::chrono::seconds(8));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok);
  EXPECT_THAT(result->error, HasSubstr("cannot connect"));
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
  EXPECT_EQ(LastLog().rule, kHttpRule);
}

}  // namespace
}  // namespace sandtab::browser
