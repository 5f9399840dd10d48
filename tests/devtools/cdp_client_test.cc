// CdpClient: commands parsed and routed to their session, Chrome's errors
// for what is not a command, not served, or names another client's session.
#include "browser/devtools/cdp_client.h"

#include <gtest/gtest.h>

#include "browser/devtools/session_table.h"
#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

TEST(CdpClientTest, ANonCommandGetsChromesInvalidParamsError) {
  ProtocolHarness harness;
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.client->OnMessage("not json");
  browser.client->OnMessage(R"({"id":7})");
  ASSERT_EQ(browser.sent.size(), 2u);
  EXPECT_EQ(browser.sent[0]["error"]["code"], kCdpInvalidParams);
  EXPECT_EQ(browser.sent[1]["id"], 7);
  EXPECT_EQ(browser.sent[1]["error"]["code"], kCdpInvalidParams);
}

TEST(CdpClientTest, AMethodNotServedOnThisKindOfSessionIsNotFound) {
  ProtocolHarness harness;
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Animation.enable");
  browser.Send(2, "Page.navigate", {{"url", "about:blank"}});  // a page method on the browser session
  ASSERT_NE(browser.Reply(1), nullptr);
  EXPECT_EQ((*browser.Reply(1))["error"]["code"], kCdpMethodNotFound);
  EXPECT_EQ((*browser.Reply(1))["error"]["message"], "'Animation.enable' wasn't found");
  EXPECT_EQ((*browser.Reply(2))["error"]["message"], "'Page.navigate' wasn't found");
}

TEST(CdpClientTest, AnotherClientsSessionIsNotFound) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  const std::string page_id = harness.protocol.targets().Pages()[0]->page_id;
  RecordingClient first(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  RecordingClient second(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  first.Send(1, "Target.attachToTarget", {{"targetId", page_id}, {"flatten", true}});
  const std::string session = (*first.Reply(1))["result"]["sessionId"];
  second.Send(2, "Page.enable", Json::object(), session);
  EXPECT_EQ((*second.Reply(2))["error"]["code"], kCdpSessionNotFound);
  first.Send(3, "Page.enable", Json::object(), session);
  EXPECT_EQ((*first.Reply(3))["sessionId"], session) << "a flat session's reply names it";
  EXPECT_TRUE((*first.Reply(3))["result"].is_object());
}

TEST(CdpClientTest, AClosedClientLeavesNoSessionAndSendsNothing) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  auto browser = std::make_unique<RecordingClient>(harness.protocol, TargetType::kBrowser,
                                                   harness.protocol.targets().browser_id());
  browser->Send(1, "Target.setAutoAttach", {{"autoAttach", true}, {"flatten", true}});
  EXPECT_EQ(harness.protocol.sessions().size(), 2u) << "the root and the attached page";
  browser->client->OnClosed();
  EXPECT_EQ(harness.protocol.sessions().size(), 0u);
  const size_t before = browser->sent.size();
  browser->Send(2, "Target.getTargets");
  EXPECT_EQ(browser->sent.size(), before);
}

TEST(CdpClientTest, AnAnswerAfterTheClientIsGoneIsDropped) {
  ProtocolHarness harness;
  CdpCall call;
  {
    RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
    call.client = browser.client;
    call.id = 1;
  }
  call.Reply(Json::object());  // no client: nothing happens, nothing crashes
  EXPECT_TRUE(call.client.expired());
}

}  // namespace
}  // namespace sandtab::browser
