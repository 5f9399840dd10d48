// Issue 19, line 13: every bad-message rule the browser enforces on a
// renderer or a plugin, broken by a real child (sandtab-hostile-child's
// "bad-message" scenario) in a real browser, one tab per rule: the child is
// killed with the rule's exact detail, the benign tab keeps its pid and its
// pixels, and the browser's fds and memory come back to where they were.
// Several rules share one browser (one death each: --crash-loop=1), so the
// whole file costs a few browsers, not one per rule.
#include <string>
#include <vector>

#include "tests/integration/hostile_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

struct Rule {
  const char* name;    // the scenario's rule (tests/support/hostile/bad_message_scenarios.cc)
  std::string detail;  // the death record's detail
};

class HostileRulesTest : public HostileTest {
 protected:
  void StartRenderers() { StartHostile(HostileOptions("bad-message").WithBenign({kIndex})); }
  void ExpectRendererRules(const std::vector<Rule>& rules) {
    for (const Rule& rule : rules) {
      SCOPED_TRACE(rule.name);
      ExpectDeath(std::string("data:text/html,hostile:") + rule.name, "bad_message", rule.detail);
    }
  }
};

// Tab::OnFrameReady and FrameSink::Present (a fresh tab's surface is
// generation 1).
TEST_F(HostileRulesTest, FrameReady) {
  StartRenderers();
  ExpectRendererRules({
      {"frame-navigation", "FrameReady: navigation that never started"},
      {"frame-buffer", "FrameReady: frame names buffer 2, there are 2"},
      {"frame-generation", "FrameReady: frame for surface generation 8, current is 1"},
      {"frame-held-buffer", "FrameReady: frame in the buffer the browser holds"},
      {"frame-sequence", "FrameReady: frame sequence does not increase"},
      {"frame-damage", "FrameReady: frame damage rect lies outside the surface"},
      {"frame-solid-runs-count", "FrameReady: frame has more than 1024 solid runs"},
      {"frame-solid-runs-order",
       "FrameReady: frame's solid rows are empty, out of order, overlapping or outside the surface"},
  });
}

// Tab::OnDocumentInfo and TabPlugins::CheckEmbeds.
TEST_F(HostileRulesTest, DocumentInfo) {
  StartRenderers();
  ExpectRendererRules({
      {"info-navigation", "DocumentInfo: navigation that never started"},
      {"info-title", "DocumentInfo: title longer than 1 KiB"},
      {"info-embeds-count", "DocumentInfo: more than 64 embeds"},
      {"info-embed-rect", "DocumentInfo: embed rect out of range"},
      {"info-embed-params", "DocumentInfo: embed with too many params or a long type"},
      {"info-embed-param-size", "DocumentInfo: embed param over 64 KiB"},
  });
}

// TabFetches::OnRequest (tab_fetches.cc), and the requests a tab's renderer
// may not make at all.
TEST_F(HostileRulesTest, FetchAndOtherRequests) {
  StartRenderers();
  ExpectRendererRules({
      {"fetch-url-length", "FetchRequest: URL longer than 2 MiB"},
      {"fetch-id-reuse", "FetchRequest: request_id already in use"},
      {"fetch-too-many", "FetchRequest: too many outstanding requests"},
      {"fetch-navigation", "FetchRequest: navigation that never started"},
      {"fetch-document-url", "FetchRequest: DOCUMENT for a URL the browser did not navigate to"},
      {"navigate-url-length", "NavigateRequest: URL longer than 2 MiB"},
      {"sandbox-report", "SandboxReport nobody asked for"},
      {"warmed-up", "WarmedUp nobody asked for"},
  });
}

// RendererHost's script messages and TabScripts (DESIGN section 13); a
// ScriptTimedOut is the renderer's own word that it hung: unresponsive.
TEST_F(HostileRulesTest, Scripts) {
  StartRenderers();
  ExpectRendererRules({
      {"console-level", "ConsoleMessage: level not one of log, info, warn, error, debug"},
      {"console-text", "ConsoleMessage: text longer than 4 KiB"},
      {"console-source", "ConsoleMessage: source longer than 1 KiB"},
      {"console-navigation", "ConsoleMessage: navigation that never started"},
      {"eval-unasked", "EvalResult: no question with that request id was sent to this renderer"},
      {"eval-not-json",
       "EvalResult: value_is_json but the value is not one JSON value: text after the value at byte 1"},
      {"dom-dump-unasked", "DomDump: no question with that request id was sent to this renderer"},
      {"dom-dump-size", "DomDump: html longer than 8 MiB"},
  });
  ExpectDeath("data:text/html,hostile:script-timed-out", "unresponsive", "script ran past 2000 ms (hostile.html:1)");
}

// SpareRenderer (--spare-renderer, asked for explicitly under a prefix):
// the spare answers its WarmUp, then answers it again. The spare starts
// after the first tab opens; its first death ends spares (--crash-loop=1).
TEST_F(HostileRulesTest, ASpareThatSaysWarmedUpTwice) {
  StartHostile(HostileOptions("bad-message")
                   .WithArgs({"warmed-up-twice"})
                   .WithTrigger("@warm_up")
                   .WithFlags({"--spare-renderer"})
                   .WithBenign({kIndex}));
  Json death = WaitForDeath(0);
  EXPECT_EQ(death.get<std::string>("cause", ""), "bad_message") << sandtab::test::ToJsonText(death);
  EXPECT_EQ(death.get<std::string>("detail", ""), "WarmedUp nobody asked for") << sandtab::test::ToJsonText(death);
  EXPECT_NE(death.get<std::string>("restart_decision", "").find("spare renderers stopped"), std::string::npos)
      << sandtab::test::ToJsonText(death);
  ExpectBenignTabsUntouched();
  // The next tab starts cold, as if there had never been a spare.
  TabRef next = Open(kArticle.file);
  EXPECT_EQ(Tab(next.id).get<int>("crashes"), 0);
}

// The channel: framing (ipc/frame_reader.cc, channel.cc) and the message
// envelope (ipc/message_channel.h).
TEST_F(HostileRulesTest, Framing) {
  StartRenderers();
  ExpectRendererRules({
      {"length-zero", "frame of length 0"},
      {"length-over-cap", "frame of 16777217 bytes exceeds the 16 MiB cap"},
      {"truncated-frame", "peer closed the channel in the middle of a frame"},
      {"does-not-parse", "frame does not parse as RendererToBrowser"},
      {"no-known-body", "RendererToBrowser with no known body"},
      {"attached-fds-claim", "RendererToBrowser claims attached_fds=1 but 0 arrived"},
      {"fds-from-child", "peer sent file descriptors, which only the browser may send"},
  });
}

// PluginHost: a plugin breaks a rule for an instance of the hostile tab
// (the trigger is the embed's param); the plugin process is killed, the
// benign tab is untouched.
TEST_F(HostileRulesTest, PluginInstanceFrames) {
  // Plugins relaunch under the renderers' crash-loop policy: the fixture's
  // --crash-loop=1 would refuse the second rule's plugin (blocked, no death).
  StartHostile(HostileOptions("bad-message")
                   .WithDoor(HostileDoor::kPlugin)
                   .WithBenign({kIndex})
                   .WithFlags({"--crash-loop=100", "--restart-delay-ms=0"}));
  const std::vector<Rule> rules = {
      {"instance-zero", "InstanceFrameReady for instance 0 it was never given"},
      {"instance-never-given", "InstanceFrameReady for instance 1099511627776 it was never given"},
      {"frame-buffer", "InstanceFrameReady: frame names buffer 2, there are 2"},
      {"frame-held-buffer", "InstanceFrameReady: frame in the buffer the browser holds"},
      {"frame-sequence", "InstanceFrameReady: frame sequence does not increase"},
      {"frame-damage", "InstanceFrameReady: frame damage rect lies outside the surface"},
      {"no-known-body", "PluginToBrowser with no known body"},
  };
  for (const Rule& rule : rules) {
    SCOPED_TRACE(rule.name);
    Json death = ExpectDeath(std::string("data:text/html,<embed%20type=application/x-sandtab-clock%20width=120"
                                         "%20height=120%20rule=hostile:") +
                                 rule.name + ">",
                             "bad_message", rule.detail);
    EXPECT_EQ(death.get<std::string>("type", ""), "plugin:clock");
  }
}

// DESIGN section 14, the Citadel check (SiteLock): a renderer locked to a
// site (its tab opened at an http URL of 127.0.0.1) claims a document of
// another site (127.0.0.2); the death names the rule and the lock.
TEST_F(HostileRulesTest, ARendererClaimingAnotherSitesDocument) {
  sandtab::test::LoopbackHttpServer server;
  server.Serve("/hostile:document-other-site", "text/html", "<!DOCTYPE html><title>web</title>");
  StartRenderers();
  const Json death = ExpectDeath(server.Url("/hostile:document-other-site"), "bad_message",
                                 "FetchRequest: DOCUMENT: documents of the renderer's locked site only "
                                 "(http://127.0.0.2, locked to http://127.0.0.1)");
  EXPECT_EQ(death.get<std::string>("site", ""), "http://127.0.0.1") << sandtab::test::ToJsonText(death);
}

}  // namespace
}  // namespace sandtab::integration
