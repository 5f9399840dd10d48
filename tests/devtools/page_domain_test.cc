// PageDomain and PageLifecycle: a navigation's events in Chrome's order
// with one loader id, debug URLs, Page.crash, crashes and returns,
// screenshots, base64 and clips.
#include "browser/devtools/page_domain.h"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

struct PageFixture : ::testing::Test {
  ProtocolHarness harness;
  std::string page_id;
  std::unique_ptr<RecordingClient> page;

  void SetUp() override {
    ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
    page_id = harness.protocol.targets().ByTab(1)->page_id;
    page = std::make_unique<RecordingClient>(harness.protocol, TargetType::kPage, page_id);
    page->Send(1, "Page.enable");
    page->Send(2, "Page.setLifecycleEventsEnabled", {{"enabled", true}});
    page->Send(3, "Runtime.enable");
  }

  std::vector<std::string> Methods(size_t from) const {
    std::vector<std::string> methods;
    for (size_t i = from; i < page->sent.size(); ++i) {
      const Json& message = page->sent[i];
      if (message.contains("id")) {
        methods.push_back("reply");
      } else if (message["method"] == "Page.lifecycleEvent") {
        methods.push_back("lifecycle:" + message["params"]["name"].get<std::string>());
      } else {
        methods.push_back(message["method"]);
      }
    }
    return methods;
  }
};

TEST_F(PageFixture, ANavigationTellsItsStoryInChromesOrderWithOneLoaderId) {
  const size_t from = page->sent.size();
  page->Send(10, "Page.navigate", {{"url", "http://a.test/"}, {"frameId", page_id}});
  EXPECT_EQ(Methods(from), (std::vector<std::string>{"Page.frameStartedLoading", "lifecycle:init",
                                                     "Runtime.executionContextsCleared", "Page.frameNavigated",
                                                     "Runtime.executionContextCreated", "lifecycle:commit", "reply"}));
  const Json& reply = *page->Reply(10);
  const std::string loader = reply["result"]["loaderId"];
  EXPECT_EQ(reply["result"]["frameId"], page_id);
  EXPECT_EQ(page->Events("Page.frameNavigated").back()["params"]["frame"]["loaderId"], loader);
  EXPECT_EQ(page->Events("Page.frameNavigated").back()["params"]["frame"]["url"], "http://a.test/");
  EXPECT_EQ(page->Events("Page.frameNavigated").back()["params"]["frame"]["securityOrigin"], "http://a.test");
  const Json context = page->Events("Runtime.executionContextCreated").back()["params"]["context"];
  EXPECT_EQ(context["auxData"]["isDefault"], true);
  EXPECT_EQ(context["auxData"]["frameId"], page_id);

  const size_t loading = page->sent.size();
  harness.tabs.FinishLoading(1);
  EXPECT_EQ(Methods(loading),
            (std::vector<std::string>{"lifecycle:DOMContentLoaded", "Page.domContentEventFired", "lifecycle:load",
                                      "Page.loadEventFired", "Page.frameStoppedLoading", "lifecycle:networkAlmostIdle",
                                      "lifecycle:networkIdle"}));
  for (const Json& event : page->Events("Page.lifecycleEvent")) {
    if (event["params"]["name"] == "load") {
      EXPECT_EQ(event["params"]["loaderId"], loader);
    }
  }
}

TEST_F(PageFixture, ALoadOfAnEarlierNavigationIsNotReported) {
  page->Send(10, "Page.navigate", {{"url", "http://a.test/"}});
  auto first_waiters = std::move(harness.tabs.tabs.at(1).waiters);
  harness.tabs.tabs.at(1).waiters.clear();
  page->Send(11, "Page.navigate", {{"url", "http://b.test/"}});
  const size_t before = page->Events("Page.loadEventFired").size();
  for (auto& waiter : first_waiters) waiter(true);
  EXPECT_EQ(page->Events("Page.loadEventFired").size(), before);
  harness.tabs.FinishLoading(1);
  EXPECT_EQ(page->Events("Page.loadEventFired").size(), before + 1);
}

TEST_F(PageFixture, AnInvalidUrlIsChromesError) {
  page->Send(10, "Page.navigate", {{"url", "not a url"}});
  EXPECT_EQ((*page->Reply(10))["error"]["message"], "Cannot navigate to invalid URL");
}

TEST_F(PageFixture, ChromeCrashGoesToTheRendererAndIsAnsweredWithoutLoaderId) {
  page->Send(10, "Page.navigate", {{"url", "chrome://crash"}});
  EXPECT_EQ(harness.tabs.tabs.at(1).debug_urls, std::vector<std::string>{"about:crash"});
  const Json& reply = *page->Reply(10);
  EXPECT_EQ(reply["result"]["frameId"], page_id);
  EXPECT_FALSE(reply["result"].contains("loaderId"));
}

proto::DeathRecord Crash(int tab_id) {
  proto::DeathRecord record;
  record.set_pid(4242);
  record.set_process_type(proto::PROCESS_TYPE_RENDERER);
  record.add_tab_ids(tab_id);
  record.set_cause(proto::DeathRecord::CRASHED);
  record.set_signal(11);
  record.set_exit_code(-1);
  record.set_restart_decision("restart now");
  return record;
}

TEST_F(PageFixture, PageCrashIsAnsweredOnlyWhenThePageIsBackAsChromeDoes) {
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Target.setDiscoverTargets", {{"discover", true}});
  harness.tabs.FinishLoading(1);  // the first document
  page->Send(10, "Page.crash");
  EXPECT_EQ(harness.tabs.tabs.at(1).debug_urls, std::vector<std::string>{"about:crash"});
  EXPECT_EQ(page->Reply(10), nullptr);
  harness.protocol.OnDeath(Crash(1));
  auto crashed = page->Events("Inspector.targetCrashed");
  ASSERT_EQ(crashed.size(), 1u) << "sent whether or not Inspector.enable was";
  EXPECT_EQ(crashed[0]["params"]["sandtabDeathRecord"]["pid"], 4242);
  auto target_crashed = browser.Events("Target.targetCrashed");
  ASSERT_EQ(target_crashed.size(), 1u);
  EXPECT_EQ(target_crashed[0]["params"]["targetId"], page_id);
  EXPECT_EQ(target_crashed[0]["params"]["status"], "crashed");
  EXPECT_EQ(target_crashed[0]["params"]["errorCode"], 11);
  EXPECT_EQ(target_crashed[0]["params"]["sandtabDeathRecord"]["cause"], "CRASHED");
  page->Send(11, "Page.captureScreenshot");
  EXPECT_EQ((*page->Reply(11))["error"]["message"], "Target crashed");

  harness.io.poll();  // the return is watched from the next turn
  const size_t before_return = page->sent.size();
  harness.tabs.FinishLoading(1);
  const size_t reloaded = page->IndexOfEvent("Inspector.targetReloadedAfterCrash", before_return);
  ASSERT_LT(reloaded, page->sent.size());
  const size_t crash_reply = page->IndexOfReply(10);
  ASSERT_LT(crash_reply, page->sent.size());
  EXPECT_GT(crash_reply, reloaded);
  EXPECT_EQ(page->sent[crash_reply]["error"]["message"], "Target crashed");
  EXPECT_LT(page->IndexOfEvent("Page.frameNavigated", reloaded), page->sent.size()) << "then a navigation's events";
}

TEST(CrashStatusTest, FollowsChromesTerminationStatusNames) {
  proto::DeathRecord record;
  record.set_cause(proto::DeathRecord::SANDBOX_VIOLATION);
  EXPECT_STREQ(PageLifecycle::CrashStatus(record), "crashed") << "a seccomp SIGSYS is a crash, as in kill_posix.cc";
  record.set_cause(proto::DeathRecord::KILLED_BY_USER);
  EXPECT_STREQ(PageLifecycle::CrashStatus(record), "killed");
  record.set_cause(proto::DeathRecord::OUT_OF_MEMORY);
  EXPECT_STREQ(PageLifecycle::CrashStatus(record), "oom");
  record.set_cause(proto::DeathRecord::EXITED);
  record.set_exit_code(3);
  EXPECT_STREQ(PageLifecycle::CrashStatus(record), "abnormal");
  EXPECT_EQ(PageLifecycle::CrashErrorCode(record), 3 << 8) << "the wait status of exit(3)";
  record.set_exit_code(0);
  EXPECT_STREQ(PageLifecycle::CrashStatus(record), "normal");
}

TEST_F(PageFixture, AScreenshotIsABase64PngOfTheTabsPixels) {
  harness.tabs.capture_image.width = 2;
  harness.tabs.capture_image.height = 1;
  harness.tabs.capture_image.pixels = {0, 0, 255, 255, 255, 0, 0, 255};
  page->Send(10, "Page.captureScreenshot", {{"format", "png"}});
  // The PNG is encoded on the worker thread; its answer comes back to the loop.
  auto busy = boost::asio::make_work_guard(harness.io);
  for (int turn = 0; turn < 500 && !page->Reply(10); ++turn) harness.io.run_one_for(std::chrono::milliseconds(10));
  ASSERT_NE(page->Reply(10), nullptr);
  const std::string data = (*page->Reply(10))["result"]["data"];
  auto png = EncodePng(harness.tabs.capture_image);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(data, PageDomain::Base64(*png));
  page->Send(11, "Page.captureScreenshot", {{"format", "jpeg"}});
  EXPECT_EQ((*page->Reply(11))["error"]["code"], kCdpInvalidParams);
}

TEST(PageDomainTest, Base64IsRfc4648) {
  EXPECT_EQ(PageDomain::Base64(""), "");
  EXPECT_EQ(PageDomain::Base64("f"), "Zg==");
  EXPECT_EQ(PageDomain::Base64("fo"), "Zm8=");
  EXPECT_EQ(PageDomain::Base64("foo"), "Zm9v");
  EXPECT_EQ(PageDomain::Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(PageDomain::Base64(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(PageDomainTest, AClipIsTheWholePixelsItTouches) {
  auto area = PageDomain::ClipArea({{"x", 1.5}, {"y", 1}, {"width", 10}, {"height", 0.25}, {"scale", 1}});
  ASSERT_TRUE(area.ok()) << area.error();
  EXPECT_EQ(*area, (UiRect{1, 1, 11, 1}));
  // Past int's range: bounded, not converted.
  area = PageDomain::ClipArea({{"x", -1e300}, {"y", 1e300}, {"width", 1e300}, {"height", 2}});
  ASSERT_TRUE(area.ok()) << area.error();
  EXPECT_EQ(area->x, 0);
  EXPECT_TRUE(area->empty()) << "nothing of it is on a page";
  EXPECT_FALSE(PageDomain::ClipArea({{"x", 0}, {"y", 0}, {"width", 2}, {"height", 2}, {"scale", 2}}).ok());
}

TEST_F(PageFixture, AClippedScreenshotIsThePartInsideTheTab) {
  Image& image = harness.tabs.capture_image;
  image.width = 4;
  image.height = 3;
  for (int i = 0; i < 12; ++i) image.pixels.insert(image.pixels.end(), {uint8_t(i), 0, 0, 255});
  page->Send(10, "Page.captureScreenshot",
             {{"clip", {{"x", 1}, {"y", 1}, {"width", 10}, {"height", 1}, {"scale", 1}}}});
  auto busy = boost::asio::make_work_guard(harness.io);
  for (int turn = 0; turn < 500 && !page->Reply(10); ++turn) harness.io.run_one_for(std::chrono::milliseconds(10));
  ASSERT_NE(page->Reply(10), nullptr);
  Image expected;
  expected.width = 3;
  expected.height = 1;
  expected.pixels = {5, 0, 0, 255, 6, 0, 0, 255, 7, 0, 0, 255};  // (1,1) to (3,1)
  auto png = EncodePng(expected);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ((*page->Reply(10))["result"]["data"], PageDomain::Base64(*png));
  page->Send(11, "Page.captureScreenshot", {{"clip", {{"x", 9}, {"y", 0}, {"width", 2}, {"height", 2}}}});
  ASSERT_NE(page->Reply(11), nullptr) << "an empty clip fails at once";
  EXPECT_EQ((*page->Reply(11))["error"]["code"], kCdpServerError);
  page->Send(12, "Page.captureScreenshot", {{"clip", {{"x", 0}, {"y", 0}, {"width", 2}, {"height", 2}, {"scale", 2}}}});
  ASSERT_NE(page->Reply(12), nullptr);
  EXPECT_EQ((*page->Reply(12))["error"]["code"], kCdpServerError);
}

}  // namespace
}  // namespace sandtab::browser
