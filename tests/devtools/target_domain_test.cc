// TargetDomain: the order the clients rely on (review section 8): existing
// targets attached before setAutoAttach's reply, a new page attached before
// createTarget's reply, detach events before closeTarget's reply.
#include "browser/devtools/target_domain.h"

#include <gtest/gtest.h>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

const Json kPuppeteerFilter = Json::parse(R"([{"type":"page","exclude":true},{}])");

TEST(TargetDomainTest, PuppeteersConnectAttachesTabThenPageBeforeEachReply) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  PageTarget* page = harness.protocol.targets().ByTab(1);
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());

  browser.Send(1, "Target.getBrowserContexts");
  EXPECT_EQ((*browser.Reply(1))["result"]["browserContextIds"], Json::array());
  browser.Send(2, "Target.setDiscoverTargets", {{"discover", true}, {"filter", Json::parse("[{}]")}});
  EXPECT_EQ(browser.Events("Target.targetCreated").size(), 3u) << "browser, tab and page";
  EXPECT_LT(browser.IndexOfEvent("Target.targetCreated"), browser.IndexOfReply(2));

  browser.Send(
      3, "Target.setAutoAttach",
      {{"autoAttach", true}, {"waitForDebuggerOnStart", true}, {"flatten", true}, {"filter", kPuppeteerFilter}});
  const size_t attached = browser.IndexOfEvent("Target.attachedToTarget");
  ASSERT_LT(attached, browser.IndexOfReply(3)) << "the tab is attached before the reply";
  const Json& tab_event = browser.sent[attached]["params"];
  EXPECT_EQ(tab_event["targetInfo"]["type"], "tab");
  EXPECT_EQ(tab_event["targetInfo"]["targetId"], page->tab_target_id);
  EXPECT_EQ(tab_event["targetInfo"]["browserContextId"], harness.protocol.targets().browser_context_id());
  const std::string tab_session = tab_event["sessionId"];

  browser.Send(4, "Target.setAutoAttach", {{"autoAttach", true}, {"flatten", true}, {"filter", Json::parse("[{}]")}},
               tab_session);
  const size_t page_attached = browser.IndexOfEvent("Target.attachedToTarget", attached + 1);
  ASSERT_LT(page_attached, browser.IndexOfReply(4));
  EXPECT_EQ(browser.sent[page_attached]["sessionId"], tab_session) << "the page is announced on the tab's session";
  EXPECT_EQ(browser.sent[page_attached]["params"]["targetInfo"]["type"], "page");
  EXPECT_EQ(browser.sent[page_attached]["params"]["targetInfo"]["targetId"], page->page_id);
}

TEST(TargetDomainTest, CreateTargetAttachesThePageBeforeItsReplyAndAnswersThePageId) {
  ProtocolHarness harness;
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  // Playwright's auto-attach: no filter, so pages attach to the browser session.
  browser.Send(1, "Target.setAutoAttach", {{"autoAttach", true}, {"waitForDebuggerOnStart", true}, {"flatten", true}});
  browser.Send(2, "Target.createTarget", {{"url", "about:blank"}});
  ASSERT_EQ(harness.tabs.tabs.size(), 1u);
  const std::string page_id = harness.protocol.targets().ByTab(1)->page_id;
  EXPECT_EQ((*browser.Reply(2))["result"]["targetId"], page_id);
  const size_t attached = browser.IndexOfEvent("Target.attachedToTarget");
  ASSERT_LT(attached, browser.IndexOfReply(2));
  EXPECT_EQ(browser.sent[attached]["params"]["targetInfo"]["targetId"], page_id);
  EXPECT_EQ(browser.sent[attached]["params"]["targetInfo"]["url"], "about:blank");
}

TEST(TargetDomainTest, CloseTargetDetachesBeforeItsReplyAndClosesTheTab) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  const std::string page_id = harness.protocol.targets().ByTab(1)->page_id;
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Target.setAutoAttach", {{"autoAttach", true}, {"flatten", true}, {"filter", kPuppeteerFilter}});
  const std::string tab_session = browser.Events("Target.attachedToTarget")[0]["params"]["sessionId"];
  browser.Send(2, "Target.setAutoAttach", {{"autoAttach", true}, {"flatten", true}}, tab_session);
  browser.Send(3, "Target.closeTarget", {{"targetId", page_id}});
  EXPECT_TRUE(harness.tabs.tabs.empty());
  EXPECT_EQ((*browser.Reply(3))["result"]["success"], true);
  auto detached = browser.Events("Target.detachedFromTarget");
  ASSERT_EQ(detached.size(), 2u) << "the page (on the tab session), then the tab";
  EXPECT_EQ(detached[0]["sessionId"], tab_session);
  EXPECT_EQ(detached[1]["params"]["sessionId"], tab_session);
  EXPECT_FALSE(detached[1].contains("sessionId")) << "the tab's detach is on the root session";
  EXPECT_LT(browser.IndexOfEvent("Target.detachedFromTarget"), browser.IndexOfReply(3));
  browser.Send(4, "Target.closeTarget", {{"targetId", page_id}});
  EXPECT_EQ((*browser.Reply(4))["error"]["message"], "No target with given id found");
}

TEST(TargetDomainTest, OnlyFlatSessionsAreServed) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Target.attachToTarget", {{"targetId", harness.protocol.targets().ByTab(1)->page_id}});
  EXPECT_EQ((*browser.Reply(1))["error"]["code"], kCdpServerError);
  EXPECT_TRUE(browser.Events("Target.attachedToTarget").empty());
}

TEST(TargetDomainTest, ABrowserSessionAttachesToPagesOnItsOwn) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Target.attachToBrowserTarget");
  const std::string nested = (*browser.Reply(1))["result"]["sessionId"];
  browser.Send(2, "Target.attachToTarget",
               {{"targetId", harness.protocol.targets().ByTab(1)->page_id}, {"flatten", true}}, nested);
  auto attached = browser.Events("Target.attachedToTarget");
  ASSERT_EQ(attached.size(), 2u);
  EXPECT_EQ(attached[0]["params"]["targetInfo"]["type"], "browser");
  EXPECT_EQ(attached[1]["sessionId"], nested) << "announced on the session that asked";
  EXPECT_TRUE((*browser.Reply(2))["result"].contains("sessionId"));
}

}  // namespace
}  // namespace sandtab::browser
