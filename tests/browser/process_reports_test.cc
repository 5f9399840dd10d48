#include "browser/shell/process_reports.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "browser/process/death_classifier.h"
#include "browser/shell/report_formatter.h"

namespace sandtab::browser {
namespace {

proto::DeathRecord RendererCrash(int pid, int tab) {
  proto::DeathRecord record;
  record.set_pid(pid);
  record.set_process_type(proto::PROCESS_TYPE_RENDERER);
  record.add_tab_ids(tab);
  record.set_exit_code(-1);
  record.set_signal(11);
  record.set_cause(proto::DeathRecord::CRASHED);
  record.set_restart_decision("restarted");
  record.set_time_ms(1234);
  record.set_site("sandtab://pages");
  return record;
}

std::string DeathJson(const proto::DeathRecord& record) {
  return R"({"pid":)" + std::to_string(record.pid()) + R"(,"type":"renderer","plugin_type":"","cause":")" +
         CauseName(record.cause()) + R"(","description":")" + DescribeDeath(record) +
         R"(","exit_code":-1,"signal":11,"detail":"","restart_decision":"restarted","time_ms":1234,)"
         R"("site":"sandtab://pages","tabs":[)" +
         std::to_string(record.tab_ids(0)) + "]}";
}

// The columns every row of `tabs` has; the rest stays as a new tab has it.
TabFacts ListedTab(int id, pid_t pid, std::string state, std::string site, std::string url, std::string title = "") {
  TabFacts tab;
  tab.id = id;
  tab.pid = pid;
  tab.state = std::move(state);
  tab.site = std::move(site);
  tab.url = std::move(url);
  tab.title = std::move(title);
  return tab;
}

TEST(TabsReportTest, OneRowPerTabAndTheLastDeathUnderIt) {
  std::vector<TabFacts> tabs = {
      ListedTab(1, 4242, "loaded", "sandtab://pages", "file:///pages/index.html", "sandtab: Welcome"),
      ListedTab(12, -1, "crash-loop", "none", "about:blank")};
  tabs[0].crashes = 1;
  tabs[0].scroll_y = 40;
  tabs[0].frames = 7;
  tabs[0].history_entries = 2;
  tabs[0].history_bytes = 48;
  tabs[0].last_death = RendererCrash(4100, 1);
  tabs[1].surface_released = true;
  tabs[1].document_error = "refused";
  const Report report = TabsReport(tabs);
  EXPECT_EQ(
      ReportText(report),
      "ID  STATE      PID     SITE                    CRASHES TITLE                     URL\n"
      "1   loaded     4242    sandtab://pages         1       sandtab: Welcome          file:///pages/index.html\n"
      "    last death: " +
          DescribeDeath(*tabs[0].last_death) +
          "; restarted\n"
          "12  crash-loop -       none                    0       -                         about:blank");
  EXPECT_EQ(ReportJson(report),
            R"({"tabs":[{"id":1,"pid":4242,"state":"loaded","site":"sandtab://pages","url":"file:///pages/index.html",)"
            R"("title":"sandtab: Welcome","crashes":1,"scroll_y":40,"frames":7,"surface":"held",)"
            R"("history_entries":2,"history_bytes":48,"last_death":)" +
                DeathJson(*tabs[0].last_death) +
                "},"
                R"({"id":12,"pid":-1,"state":"crash-loop","site":"none","url":"about:blank","title":"","crashes":0,)"
                R"("scroll_y":0,)"
                R"("frames":0,"surface":"released","history_entries":0,"history_bytes":0,"document_error":"refused",)"
                R"("last_death":null}]})");
}

TEST(TabsReportTest, AHostileTitleIsShownAndCannotShiftTheUrlColumn) {
  std::vector<TabFacts> tabs = {ListedTab(3, 77, "loaded", "http://x", "http://x/\x1b]0;t\x07", "\x1b[31mX\nID 9")};
  const std::string text = ReportText(TabsReport(tabs));
  EXPECT_EQ(
      text,
      "ID  STATE      PID     SITE                    CRASHES TITLE                     URL\n"
      "3   loaded     77      http://x                0       \\x1b[31mX\\x0aID 9         http://x/\\x1b]0;t\\x07");
  // A title longer than its column is cut (after its controls are replaced).
  tabs[0].title = std::string(40, 'T');
  EXPECT_NE(ReportText(TabsReport(tabs)).find(std::string(25, 'T') + "~http://"), std::string::npos);
}

TEST(PsReportTest, TextShowsTheSandboxSummaryAndJsonTheFlag) {
  auto process = [](pid_t pid, std::string type, int tab, std::string state, std::string summary) {
    PsProcess row;
    row.pid = pid;
    row.type = std::move(type);
    row.tab = tab;
    row.state = std::move(state);
    row.sandboxed = summary == "yes";
    row.sandbox_summary = std::move(summary);
    return row;
  };
  auto usage = [](uint64_t rss, uint64_t pss, uint64_t private_kib, double cpu) {
    ProcessUsage usage;
    usage.exists = true;
    usage.rss_kib = rss;
    usage.pss_kib = pss;
    usage.private_kib = private_kib;
    usage.cpu_seconds = cpu;
    return usage;
  };
  std::vector<PsProcess> processes = {process(100, "browser", 0, "running", "no (trusted)"),
                                      process(101, "renderer", 2, "loaded", "yes"),
                                      process(102, "plugin:clock", 0, "1 instances", "gone")};
  processes[0].usage = usage(9000, 8000, 7000, 1.234);
  processes[1].usage = usage(30, 20, 10, 0.5);
  processes[1].site = "http://example.com";
  const Report report = PsReport(processes);
  EXPECT_EQ(ReportText(report),
            "PID     TYPE          TAB  PSS(KiB)  CPU(s)  STATE        SITE                    SANDBOXED\n"
            "100     browser       -    8000      1.23    running      -                       no (trusted)\n"
            "101     renderer      2    20        0.50    loaded       http://example.com      yes\n"
            "102     plugin:clock  -    0         0.00    1 instances  -                       gone");
  EXPECT_EQ(ReportJson(report),
            R"({"processes":[)"
            R"({"pid":100,"type":"browser","tab":0,"memory_kib":8000,"rss_kib":9000,"private_kib":7000,)"
            R"("cpu_seconds":1.234,"state":"running","site":"","sandboxed":false},)"
            R"({"pid":101,"type":"renderer","tab":2,"memory_kib":20,"rss_kib":30,"private_kib":10,)"
            R"("cpu_seconds":0.5,"state":"loaded","site":"http://example.com","sandboxed":true},)"
            R"({"pid":102,"type":"plugin:clock","tab":0,"memory_kib":0,"rss_kib":0,"private_kib":0,)"
            R"("cpu_seconds":0,"state":"1 instances","site":"","sandboxed":false}]})");
}

TEST(StatsReportTest, CountsThenBudgetsInBothForms) {
  StatsFacts facts;
  facts.tabs = 2;
  facts.live = 3;
  facts.zombies = 0;
  facts.fds.total = 40;
  facts.fds.memfds = 6;
  facts.shared_bytes = 8192;
  facts.dev_shm = 1;
  facts.sysv = 0;
  facts.deaths = 4;
  facts.frames = 99;
  facts.decisions = 12;
  facts.zygote_pid = 300;
  facts.budgets = {{"history_entries", 5, 3, 500, "per tab", true},
                   {"trace_events", 0, 0, 100, "later dropped", false}};
  Report report = StatsReport(facts);
  const std::string counts =
      "tabs 2, live children 3, zombies 0\n"
      "fds 40 (memfds 6), shared bytes 8192\n"
      "/dev/shm entries 1, System V shm segments 0\n"
      "deaths 4, frames presented 99, broker decisions 12\n";
  const std::string budgets =
      "budgets:\n"
      "  history_entries: 5 (largest tab 3), bound 500 per tab\n"
      "  trace_events: 0, bound 100 later dropped";
  EXPECT_EQ(ReportText(report), counts + budgets);
  EXPECT_EQ(ReportJson(report),
            R"({"tabs":2,"live_children":3,"zygote_pid":300,"spare_pid":-1,"spare_state":"off","spares_taken":0,)"
            R"("zombies":0,"fds":40,"memfds":6,"shared_bytes":8192,"dev_shm_entries":1,"sysv_shm_segments":0,)"
            R"("deaths":4,"frames_presented":99,"broker_decisions":12,"budgets":{)"
            R"("history_entries":{"used":5,"bound":500,"scope":"per tab","largest_tab":3},)"
            R"("trace_events":{"used":0,"bound":100,"scope":"later dropped"}}})");
  // With a spare renderer, a line says what it does.
  facts.spare = true;
  facts.spare_state = "warm";
  facts.spare_pid = 301;
  facts.spares_taken = 2;
  EXPECT_EQ(ReportText(StatsReport(facts)), counts + "spare renderer warm (pid 301), taken 2 times\n" + budgets);
  facts.spare_pid = -1;
  EXPECT_EQ(ReportText(StatsReport(facts)), counts + "spare renderer warm, taken 2 times\n" + budgets);
}

TEST(DeathsReportTest, OneLinePerDeathOrSaysThereIsNone) {
  std::deque<proto::DeathRecord> deaths;
  EXPECT_EQ(ReportText(DeathsReport(deaths)), "no deaths");
  EXPECT_EQ(ReportJson(DeathsReport(deaths)), R"({"deaths":[]})");
  deaths.push_back(RendererCrash(500, 1));
  proto::DeathRecord plugin;
  plugin.set_pid(501);
  plugin.set_process_type(proto::PROCESS_TYPE_PLUGIN);
  plugin.set_plugin_type("clock\x1b");
  plugin.set_cause(proto::DeathRecord::KILLED_BY_USER);
  plugin.set_exit_code(-1);
  plugin.set_signal(9);
  plugin.set_restart_decision("relaunched on next use");
  deaths.push_back(plugin);
  const Report report = DeathsReport(deaths);
  EXPECT_EQ(ReportText(report), "pid 500 (renderer of sandtab://pages): " + DescribeDeath(deaths[0]) +
                                    "; restarted\n"
                                    "pid 501 (plugin:clock\\x1b): " +
                                    DescribeDeath(plugin) + "; relaunched on next use");
  const std::string json = ReportJson(report);
  EXPECT_EQ(json.find(R"({"deaths":[)" + DeathJson(deaths[0]) +
                      R"(,{"pid":501,"type":"plugin:clock\\x1b",)"
                      R"("plugin_type":"clock\\x1b","cause":"killed_by_user")"),
            0u)
      << json;
}

TEST(BrokerReportTest, TheLastDecisionsTwoLinesEach) {
  std::deque<BrokerLogEntry> log;
  EXPECT_EQ(ReportText(BrokerReport(log, 20)), "no decisions yet");
  for (int i = 1; i <= 3; ++i) {
    log.push_back({i * 10, i, "file:///p" + std::to_string(i), "file-in-root", "allowed 5 bytes"});
  }
  log.back().url = "file:///%1b]0;pwned\x07";
  const Report report = BrokerReport(log, 2);
  EXPECT_EQ(ReportText(report),
            "tab 2  file:///p2\n"
            "    file-in-root -> allowed 5 bytes\n"
            "tab 3  file:///%1b]0;pwned\\x07\n"
            "    file-in-root -> allowed 5 bytes");
  EXPECT_EQ(ReportJson(report),
            R"({"decisions":[{"tab":2,"url":"file:///p2","rule":"file-in-root","outcome":"allowed 5 bytes",)"
            R"("time_ms":20},{"tab":3,"url":"file:///%1b]0;pwned\\x07","rule":"file-in-root",)"
            R"("outcome":"allowed 5 bytes","time_ms":30}]})");
  EXPECT_EQ(ReportJson(BrokerReport(log, 100)).find(R"({"decisions":[{"tab":1,)"), 0u);
}

}  // namespace
}  // namespace sandtab::browser
