// `trace start` / `trace stop FILE.json` through the shell: what the browser
// saw of a tab's load, its renderer killed from outside and its restore is
// written as Chrome trace events, in the order it happened, on the tracks of
// the renderers involved; each frame says how much CPU its renderer spent.
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"
#include "tests/integration/trace_events.h"

namespace sandtab::integration {
namespace {

class TraceTest : public ShellTest {};

TEST_F(TraceTest, AKillAndItsRestoreAreRecordedInOrderOnTheRenderersTracks) {
  StartShell();
  Ok("trace start");
  TabRef tab = Open("index.html");
  Ok("kill " + std::to_string(tab.id));
  Json restored = WaitForRestart(tab.id, tab.pid);
  const pid_t new_pid = restored.get<pid_t>("pid");
  const std::string path = TempPath("trace.json");
  Json stopped = Ok("trace stop " + path);
  EXPECT_GE(stopped.get<int>("events"), 8) << sandtab::test::ToJsonText(stopped);

  std::vector<TraceInstant> events = ReadTraceInstants(path);
  // The first occurrence of each step after the one before it. The restore
  // is a launch, or the spare renderer (on by default) taken: it was
  // launched before the kill, on a track of its own.
  const std::string kRestored = "RendererLaunched|SpareRendererTaken";
  const std::vector<std::pair<std::string, pid_t>> steps = {
      {"RendererLaunched", tab.pid}, {"Navigate", tab.pid}, {"FrameReady", tab.pid}, {"KillRenderer", tab.pid},
      {"RendererGone", tab.pid},     {kRestored, new_pid},  {"Navigate", new_pid},   {"FrameReady", new_pid}};
  auto names = [](const std::string& step, const std::string& name) {
    return ("|" + step + "|").find("|" + name + "|") != std::string::npos;
  };
  size_t next = 0;
  int64_t last_ts = 0;
  for (const TraceInstant& event : events) {
    if (next == steps.size()) break;
    if (!names(steps[next].first, event.name) || event.pid != steps[next].second) continue;
    EXPECT_GE(event.ts, last_ts) << event.name;
    last_ts = event.ts;
    if (event.name == "FrameReady") {
      // "renderer's work N us of CPU", N > 0: the renderer did lay out and paint.
      EXPECT_EQ(event.detail.rfind("renderer's work ", 0), 0u) << event.detail;
      EXPECT_GT(std::stoll(event.detail.substr(16)), 0) << event.detail;
    }
    ++next;
  }
  EXPECT_EQ(next, steps.size()) << "missing or out of order from step " << next << " ("
                                << (next < steps.size() ? steps[next].first : "") << ")";
}

TEST_F(TraceTest, StopWithoutStartAndBadUsageAreErrors) {
  StartShell();
  EXPECT_TRUE(Cmd("trace").get_child_optional("error").has_value());
  EXPECT_TRUE(Cmd("trace stop").get_child_optional("error").has_value());
  EXPECT_TRUE(Cmd("trace stop " + TempPath("never.json")).get_child_optional("error").has_value());
}

}  // namespace
}  // namespace sandtab::integration
