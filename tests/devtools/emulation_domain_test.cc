// EmulationDomain and Browser.setDownloadBehavior: the page set-up
// Playwright's connectOverCDP sends is accepted where it asks for what a
// sandtab page already is, and refused where it asks for an emulation.
#include "browser/devtools/emulation_domain.h"

#include <gtest/gtest.h>

#include "tests/devtools/fake_tab_port.h"

namespace sandtab::browser {
namespace {

using testing::ProtocolHarness;
using testing::RecordingClient;

struct EmulationFixture : ::testing::Test {
  ProtocolHarness harness;
  std::unique_ptr<RecordingClient> page;

  void SetUp() override {
    ASSERT_TRUE(harness.tabs.Open("about:blank").ok());
    page = std::make_unique<RecordingClient>(harness.protocol, TargetType::kPage,
                                             harness.protocol.targets().ByTab(1)->page_id);
  }
  // The error message of the reply to `id`, or "" when it succeeded.
  std::string ErrorOf(const RecordingClient& client, int64_t id) {
    const Json* reply = client.Reply(id);
    if (!reply) return "no reply";
    return reply->contains("error") ? (*reply)["error"]["message"].get<std::string>() : "";
  }
};

Json Features(const std::string& scheme, const std::string& motion) {
  return Json::array({{{"name", "prefers-color-scheme"}, {"value", scheme}},
                      {{"name", "prefers-reduced-motion"}, {"value", motion}},
                      {{"name", "forced-colors"}, {"value", "none"}},
                      {{"name", "prefers-contrast"}, {"value", "no-preference"}}});
}

TEST_F(EmulationFixture, MediaAsSandtabDrawsItIsAcceptedAndAnyOtherRefused) {
  page->Send(1, "Emulation.setEmulatedMedia", {{"media", ""}, {"features", Features("light", "no-preference")}});
  EXPECT_EQ(ErrorOf(*page, 1), "");
  page->Send(2, "Emulation.setEmulatedMedia", {{"media", "screen"}, {"features", Features("", "")}});
  EXPECT_EQ(ErrorOf(*page, 2), "");
  page->Send(3, "Emulation.setEmulatedMedia", {{"media", ""}, {"features", Features("dark", "")}});
  EXPECT_EQ(ErrorOf(*page, 3), "sandtab has no media emulation: prefers-color-scheme is always light");
  page->Send(4, "Emulation.setEmulatedMedia", {{"media", "print"}});
  EXPECT_EQ(ErrorOf(*page, 4), "sandtab lays pages out for screen media only, not print");
  page->Send(5, "Emulation.setEmulatedMedia",
             {{"features", Json::array({{{"name", "prefers-reduced-data"}, {"value", "reduce"}}})}});
  EXPECT_EQ(ErrorOf(*page, 5), "sandtab has no media emulation of prefers-reduced-data");
  page->Send(6, "Emulation.setEmulatedMedia", {{"features", Json::array({42})}});
  EXPECT_EQ(ErrorOf(*page, 6), "each feature is a name and a value");
}

TEST_F(EmulationFixture, FocusEmulationAndFontFamiliesAreAcceptedWhenWellFormed) {
  page->Send(1, "Emulation.setFocusEmulationEnabled", {{"enabled", true}});
  EXPECT_EQ(ErrorOf(*page, 1), "");
  page->Send(2, "Page.setFontFamilies",
             {{"fontFamilies", {{"standard", "Times New Roman"}, {"fixed", "Monospace"}, {"sansSerif", "Arial"}}}});
  EXPECT_EQ(ErrorOf(*page, 2), "");
  page->Send(3, "Page.setFontFamilies", {{"fontFamilies", {{"standard", 7}}}});
  EXPECT_EQ(ErrorOf(*page, 3), "Invalid parameters: fontFamilies");
  page->Send(4, "Page.setFontFamilies",
             {{"fontFamilies", {{"serif", std::string(EmulationDomain::kMaxFontFamilyBytes + 1, 'x')}}}});
  EXPECT_EQ(ErrorOf(*page, 4), "Invalid parameters: fontFamilies");
}

TEST_F(EmulationFixture, TouchAndMetricsStayRefusedAsBefore) {
  page->Send(1, "Emulation.setTouchEmulationEnabled", {{"enabled", true}});
  EXPECT_EQ(ErrorOf(*page, 1), "sandtab has no touch emulation");
  page->Send(2, "Emulation.setTouchEmulationEnabled", {{"enabled", false}});
  EXPECT_EQ(ErrorOf(*page, 2), "");
  page->Send(3, "Emulation.setDeviceMetricsOverride", {{"width", 800}, {"height", 600}});
  EXPECT_EQ(ErrorOf(*page, 3), "Target does not support metrics override");
}

TEST_F(EmulationFixture, DownloadBehaviourIsABrowserCommandOfChromesFourValues) {
  RecordingClient browser(harness.protocol, TargetType::kBrowser, harness.protocol.targets().browser_id());
  browser.Send(1, "Browser.setDownloadBehavior", {{"behavior", "allowAndName"}, {"eventsEnabled", true}});
  EXPECT_EQ(ErrorOf(browser, 1), "");
  browser.Send(2, "Browser.setDownloadBehavior", {{"behavior", "sometimes"}});
  EXPECT_EQ(ErrorOf(browser, 2), "Invalid parameters: behavior");
  page->Send(3, "Browser.setDownloadBehavior", {{"behavior", "deny"}});
  EXPECT_NE(ErrorOf(*page, 3), "");  // a page session has no Browser.setDownloadBehavior
}

}  // namespace
}  // namespace sandtab::browser
