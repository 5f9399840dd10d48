// TargetTree: Chrome's auto-attach filters, and what closing a tab tells
// every kind of session.
#include "browser/devtools/target_tree.h"

#include <gtest/gtest.h>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

TEST(TargetTreeTest, FilterAdmitsByTheFirstMatchingEntry) {
  const Json puppeteer = Json::parse(R"([{"type":"page","exclude":true},{}])");
  EXPECT_FALSE(TargetTree::FilterAdmits(puppeteer, TargetType::kPage));
  EXPECT_TRUE(TargetTree::FilterAdmits(puppeteer, TargetType::kTab));
  // No filter: Chrome's default leaves out the browser and tabs.
  EXPECT_TRUE(TargetTree::FilterAdmits(Json(), TargetType::kPage));
  EXPECT_FALSE(TargetTree::FilterAdmits(Json(), TargetType::kTab));
  EXPECT_FALSE(TargetTree::FilterAdmits(Json(), TargetType::kBrowser));
  EXPECT_TRUE(TargetTree::FilterAdmits(Json::parse(R"([{}])"), TargetType::kTab));
  EXPECT_FALSE(TargetTree::FilterAdmits(Json::parse(R"([{"type":"page"}])"), TargetType::kTab));
}

TEST(TargetTreeTest, AClosedTabDetachesItsSessionsAndClosesItsPageWebSocket) {
  ProtocolHarness harness;
  ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
  PageTarget* page = harness.protocol.targets().ByTab(1);
  const std::string page_id = page->page_id;
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Target.setDiscoverTargets", {{"discover", true}});
  browser.Send(2, "Target.attachToTarget", {{"targetId", page_id}, {"flatten", true}});
  const std::string session = (*browser.Reply(2))["result"]["sessionId"];
  RecordingClient page_socket(harness.protocol, TargetType::kPage, page_id);

  ASSERT_TRUE(harness.tabs.Close(1).ok());
  auto detached = browser.Events("Target.detachedFromTarget");
  ASSERT_EQ(detached.size(), 1u);
  EXPECT_EQ(detached[0]["params"]["sessionId"], session);
  EXPECT_EQ(detached[0]["params"]["targetId"], page_id);
  EXPECT_EQ(browser.Events("Target.targetDestroyed").size(), 2u) << "the page and its tab";
  ASSERT_FALSE(page_socket.Events("Inspector.detached").empty());
  EXPECT_EQ(page_socket.Events("Inspector.detached")[0]["params"]["reason"], "target_closed");
  EXPECT_TRUE(page_socket.closed);
}

}  // namespace
}  // namespace sandtab::browser
