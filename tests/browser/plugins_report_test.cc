#include "browser/shell/plugins_report.h"

#include <gtest/gtest.h>

#include <string>

#include "browser/shell/report_formatter.h"

namespace sandtab::browser {
namespace {

TEST(PluginsReportTest, ProcessesBlockedInstancesRelaunchAndBudget) {
  PluginBudgetLimits limits;
  limits.pixels_per_tab = int64_t{4} << 20;
  limits.instances_per_tab = 3;
  limits.pixels_total = int64_t{8} << 20;
  limits.instances_per_process = 10;
  limits.surface_bytes_per_process = uint64_t{1} << 30;
  limits.creation_burst = 5;
  limits.creations_per_second = 2;
  PluginBudget budget(limits);
  const auto now = PluginBudget::Clock::now();
  ASSERT_EQ(budget.Charge(1, "clock", 1024, 1024, now), "");
  ASSERT_EQ(budget.Charge(2, "clock", 1024, 2048, now), "");
  ASSERT_NE(budget.Charge(2, "clock", 4096, 4096, now), "");  // over the tab's pixels

  PluginsFacts facts;
  PluginProcessFacts& clock = facts.processes.emplace_back();
  clock.type = "clock";
  clock.pid = 321;
  clock.alive = true;
  clock.instances = 3;
  clock.frames = 17;
  clock.sandboxed = true;
  clock.surface_bytes = 25165824;
  clock.instances_per_tab = {{1, 1}, {2, 2}};
  PluginProcessFacts& ppm = facts.processes.emplace_back();
  ppm.type = "ppm";
  ppm.pid = 322;
  ppm.frames = 4;
  facts.instances.push_back({5, 1, "clock", PluginInstanceState::kRunning, 1024, 1024, 9, ""});
  facts.instances.push_back({6, 2, "clock", PluginInstanceState::kBlocked, 4096, 4096, 0, "over the tab's budget"});
  facts.relaunch["ppm"] = {PluginRelaunchPolicy::State::kCrashLoop, 3, 4, "not relaunched: crash loop"};
  facts.debug_params = true;

  const Report report = PluginsReport(facts, budget);
  EXPECT_EQ(ReportText(report),
            "TYPE    PID     INSTANCES FRAMES   STATE    PER TAB\n"
            "clock   321     3         17       running  tab 1:1 tab 2:2 \n"
            "ppm     322     0         4        gone     \n"
            "instance 6 (tab 2, clock) blocked: over the tab's budget\n"
            "ppm relaunch: crash_loop (3 recent crashes, 4 deaths): not relaunched: crash loop\n"
            "budget: 2 instances, 3 of 8 Mpx (4 Mpx and 3 instances per tab), 1 refused");
  EXPECT_EQ(ReportJson(report),
            R"({"plugins":[{"type":"clock","pid":321,"instances":3,"frames":17,"state":"running","sandboxed":true,)"
            R"("surface_bytes":25165824,"instances_per_tab":{"1":1,"2":2}},)"
            R"({"type":"ppm","pid":322,"instances":0,"frames":4,"state":"gone","sandboxed":false,"surface_bytes":0,)"
            R"("instances_per_tab":{}}],)"
            R"("instances":[{"id":5,"tab":1,"type":"clock","state":"running","width":1024,"height":1024,"frames":9,)"
            R"("reason":""},{"id":6,"tab":2,"type":"clock","state":"blocked","width":4096,"height":4096,"frames":0,)"
            R"("reason":"over the tab's budget"}],)"
            R"("relaunch":[{"type":"ppm","state":"crash_loop","recent_crashes":3,"deaths":4,)"
            R"("decision":"not relaunched: crash loop"}],)"
            R"("budget":{"instances":2,"pixels":3145728,"surface_bytes":25165824,"refused":1,)"
            R"("tabs":{"1":{"instances":1,"pixels":1048576},"2":{"instances":1,"pixels":2097152}},)"
            R"("limits":{"pixels_per_tab":4194304,"instances_per_tab":3,"pixels_total":8388608,)"
            R"("instances_per_process":10,"surface_bytes_per_process":1073741824,"creation_burst":5,)"
            R"("creations_per_second":2}},"debug_params":true})");
}

TEST(PluginsReportTest, ARawMimeTypeFromAPageCannotFakeALine) {
  PluginsFacts facts;
  facts.instances.push_back({1, 1, "x\nbudget: 0 refused", PluginInstanceState::kBlocked, 0, 0, 0, "unknown\x1b[2J"});
  const std::string text = ReportText(PluginsReport(facts, PluginBudget()));
  EXPECT_NE(text.find("instance 1 (tab 1, x\\x0abudget: 0 refused) blocked: unknown\\x1b[2J\nbudget: 0 instances"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace sandtab::browser
