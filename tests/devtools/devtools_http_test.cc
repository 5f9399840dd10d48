// DevToolsHttp: Chrome's /json endpoints and its Host rule.
#include "browser/devtools/devtools_http.h"

#include <gtest/gtest.h>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;

TEST(DevToolsHttpTest, TheHostRuleAdmitsOnlyIpAddressesAndLocalhost) {
  for (const char* host :
       {"", "127.0.0.1", "127.0.0.1:9222", "localhost", "LOCALHOST:9222", "[::1]:9222", "::1", "10.1.2.3:80"}) {
    EXPECT_TRUE(DevToolsHttp::IsAllowedHost(host)) << host;
  }
  for (const char* host :
       {"evil.example", "evil.example:9222", "localhost.evil.example", "127.0.0.1.nip.io", "[evil]:1", "[::1"}) {
    EXPECT_FALSE(DevToolsHttp::IsAllowedHost(host)) << host;
  }
}

TEST(DevToolsHttpTest, ARequestWithAForeignHostIsRefusedWithChromesWords) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  HttpAnswer answer = http.Answer("GET", "/json/version", "evil.example:9222");
  EXPECT_EQ(answer.status, 500);
  EXPECT_EQ(answer.body, DevToolsHttp::kBadHostMessage);
}

TEST(DevToolsHttpTest, VersionHasChromesFieldsAndTheBrowserUrlFromTheHost) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  for (const char* path : {"/json/version", "/json/version/"}) {
    HttpAnswer answer = http.Answer("GET", path, "localhost:9222");
    ASSERT_EQ(answer.status, 200) << path;
    Json version = Json::parse(answer.body);
    for (const char* field : {"Browser", "Protocol-Version", "User-Agent", "V8-Version", "WebKit-Version"}) {
      EXPECT_TRUE(version.contains(field)) << field;
    }
    EXPECT_EQ(version["webSocketDebuggerUrl"],
              "ws://localhost:9222/devtools/browser/" + harness.protocol.targets().browser_id());
  }
}

TEST(DevToolsHttpTest, NewWantsPutAndListsPagesNewestFirst) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  EXPECT_EQ(http.Answer("GET", "/json/new?about:blank", "127.0.0.1:1").status, 405);
  EXPECT_TRUE(harness.tabs.tabs.empty());
  HttpAnswer first = http.Answer("PUT", "/json/new?http%3A%2F%2Fa.test%2F", "127.0.0.1:1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Json::parse(first.body)["url"], "http://a.test/");
  HttpAnswer invalid = http.Answer("PUT", "/json/new?not-a-url", "127.0.0.1:1");
  EXPECT_EQ(Json::parse(invalid.body)["url"], "about:blank") << "Chrome opens about:blank instead";
  Json list = Json::parse(http.Answer("GET", "/json/list", "127.0.0.1:1").body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["url"], "about:blank");
  EXPECT_EQ(list[0]["type"], "page");
  EXPECT_EQ(list[0]["webSocketDebuggerUrl"], "ws://127.0.0.1:1/devtools/page/" + list[0]["id"].get<std::string>());
  EXPECT_EQ(Json::parse(http.Answer("GET", "/json", "").body).size(), 2u);
}

TEST(DevToolsHttpTest, CloseAndActivateAnswerInPlainText) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  const std::string id = harness.protocol.targets().ByTab(1)->page_id;
  EXPECT_EQ(http.Answer("GET", "/json/activate/" + id, "").body, "Target activated");
  HttpAnswer closed = http.Answer("GET", "/json/close/" + id, "");
  EXPECT_EQ(closed.body, "Target is closing");
  EXPECT_TRUE(harness.tabs.tabs.empty());
  EXPECT_EQ(http.Answer("GET", "/json/close/" + id, "").status, 404);
  EXPECT_EQ(http.Answer("GET", "/json/bogus", "").body, "Unknown command: bogus");
}

TEST(DevToolsHttpTest, TheProtocolDescribesExactlyWhatIsServed) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  Json protocol = Json::parse(http.Answer("GET", "/json/protocol", "").body);
  size_t commands = 0;
  for (const Json& domain : protocol["domains"]) {
    for (const Json& command : domain["commands"]) {
      ++commands;
      const std::string method = domain["domain"].get<std::string>() + "." + command["name"].get<std::string>();
      const bool served = harness.protocol.dispatcher().Serves(method, TargetType::kPage) ||
                          harness.protocol.dispatcher().Serves(method, TargetType::kBrowser) ||
                          harness.protocol.dispatcher().Serves(method, TargetType::kTab);
      EXPECT_TRUE(served) << method;
    }
  }
  EXPECT_GT(commands, 20u);
}

TEST(DevToolsHttpTest, WebSocketPathsNameExistingTargetsOnly) {
  ProtocolHarness harness;
  DevToolsHttp http(harness.protocol);
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  PageTarget* page = harness.protocol.targets().ByTab(1);
  auto browser = http.WebSocketTarget("/devtools/browser/" + harness.protocol.targets().browser_id());
  ASSERT_TRUE(browser.has_value());
  EXPECT_EQ(browser->first, TargetType::kBrowser);
  auto found = http.WebSocketTarget("/devtools/page/" + page->page_id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->second, page->page_id);
  EXPECT_FALSE(http.WebSocketTarget("/devtools/page/" + page->tab_target_id).has_value());
  EXPECT_FALSE(http.WebSocketTarget("/devtools/browser/0000").has_value());
}

}  // namespace
}  // namespace sandtab::browser
