#include "browser/shell/process_reports.h"

#include "browser/process/death_classifier.h"
#include "browser/process/sandbox_report.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

// "renderer", "plugin:clock", ...
std::string DeathType(const proto::DeathRecord& record) {
  std::string type = ipc::ProcessTypeName(record.process_type());
  if (!record.plugin_type().empty()) type += ":" + record.plugin_type();
  return type;
}

}  // namespace

ReportValue DeathValue(const proto::DeathRecord& record) {
  ReportValue tabs = ReportValue::Array();
  for (int id : record.tab_ids()) tabs.Append(id);
  return ReportValue::Object()
      .Set("pid", record.pid())
      .Set("type", DeathType(record))
      .Set("plugin_type", record.plugin_type())
      .Set("cause", CauseName(record.cause()))
      .Set("description", DescribeDeath(record))
      .Set("exit_code", record.exit_code())
      .Set("signal", record.signal())
      .Set("detail", record.detail())
      .Set("restart_decision", record.restart_decision())
      .Set("time_ms", static_cast<int64_t>(record.time_ms()))
      .Set("site", record.site())
      .Set("tabs", std::move(tabs));
}

Report TabsReport(const std::vector<TabFacts>& tabs) {
  Report report;
  ReportTable& table = report.AddTable("tabs", {{"ID", 4, "id"},
                                                {"STATE", 11, "state"},
                                                {"PID", 8, "pid"},
                                                {"SITE", 24, "site"},
                                                {"CRASHES", 8, "crashes"},
                                                {"TITLE", 26, "title"},
                                                {"URL", 0, "url"}});
  for (const TabFacts& tab : tabs) {
    ReportValue row =
        ReportValue::Object()
            .Set("id", tab.id)
            .Set("pid", ReportValue(static_cast<int64_t>(tab.pid)).Shown(tab.pid > 0 ? std::to_string(tab.pid) : "-"))
            .Set("state", tab.state)
            .Set("site", tab.site)
            .Set("url", tab.url)
            .Set("title", ReportValue(tab.title).Shown(tab.title.empty() ? "-" : tab.title))
            .Set("crashes", tab.crashes)
            .Set("scroll_y", tab.scroll_y)
            .Set("frames", tab.frames)
            .Set("surface", tab.surface_released ? "released" : "held")
            .Set("history_entries", tab.history_entries)
            .Set("history_bytes", tab.history_bytes);
    if (!tab.document_error.empty()) row.Set("document_error", tab.document_error);
    row.Set("last_death", tab.last_death ? DeathValue(*tab.last_death) : ReportValue());
    table.AddRow(std::move(row));
    if (tab.last_death) {
      table.AddNote("    last death: " + DescribeDeath(*tab.last_death) + "; " + tab.last_death->restart_decision());
    }
  }
  return report;
}

Report PsReport(const std::vector<PsProcess>& processes) {
  Report report;
  ReportTable& table = report.AddTable("processes", {{"PID", 8, "pid"},
                                                     {"TYPE", 14, "type"},
                                                     {"TAB", 5, "tab"},
                                                     {"PSS(KiB)", 10, "memory_kib"},
                                                     {"CPU(s)", 8, "cpu_seconds"},
                                                     {"STATE", 13, "state"},
                                                     {"SITE", 24, "site"},
                                                     {"SANDBOXED", 0, "sandboxed"}});
  for (const PsProcess& process : processes) {
    table.AddRow(ReportValue::Object()
                     .Set("pid", static_cast<int64_t>(process.pid))
                     .Set("type", process.type)
                     .Set("tab", ReportValue(process.tab).Shown(process.tab ? std::to_string(process.tab) : "-"))
                     .Set("memory_kib", process.usage.pss_kib)
                     .Set("rss_kib", process.usage.rss_kib)
                     .Set("private_kib", process.usage.private_kib)
                     .Set("cpu_seconds", process.usage.cpu_seconds)
                     .Set("state", process.state)
                     .Set("site", ReportValue(process.site).Shown(process.site.empty() ? "-" : process.site))
                     .Set("sandboxed", ReportValue(process.sandboxed).Shown(process.sandbox_summary)));
  }
  return report;
}

Report StatsReport(const StatsFacts& facts) {
  Report report;
  report.Set("tabs", facts.tabs)
      .Set("live_children", facts.live)
      .Set("zygote_pid", static_cast<int64_t>(facts.zygote_pid))
      .Set("spare_pid", static_cast<int64_t>(facts.spare_pid))
      .Set("spare_state", facts.spare_state)
      .Set("spares_taken", facts.spares_taken)
      .Set("zombies", facts.zombies)
      .Set("fds", facts.fds.total)
      .Set("memfds", facts.fds.memfds)
      .Set("shared_bytes", static_cast<uint64_t>(facts.shared_bytes))
      .Set("dev_shm_entries", facts.dev_shm)
      .Set("sysv_shm_segments", facts.sysv)
      .Set("deaths", facts.deaths)
      .Set("frames_presented", facts.frames)
      .Set("broker_decisions", facts.decisions);
  report.AddLine("tabs " + std::to_string(facts.tabs) + ", live children " + std::to_string(facts.live) + ", zombies " +
                 std::to_string(facts.zombies));
  report.AddLine("fds " + std::to_string(facts.fds.total) + " (memfds " + std::to_string(facts.fds.memfds) +
                 "), shared bytes " + std::to_string(facts.shared_bytes));
  report.AddLine("/dev/shm entries " + std::to_string(facts.dev_shm) + ", System V shm segments " +
                 std::to_string(facts.sysv));
  report.AddLine("deaths " + std::to_string(facts.deaths) + ", frames presented " + std::to_string(facts.frames) +
                 ", broker decisions " + std::to_string(facts.decisions));
  if (facts.spare) {
    report.AddLine("spare renderer " + facts.spare_state +
                   (facts.spare_pid > 0 ? " (pid " + std::to_string(facts.spare_pid) + ")" : "") + ", taken " +
                   std::to_string(facts.spares_taken) + " times");
  }
  report.AddLine("budgets:");
  ReportValue budgets = ReportValue::Object();
  for (const BudgetUse& use : facts.budgets) {
    ReportValue budget = ReportValue::Object().Set("used", use.used).Set("bound", use.bound).Set("scope", use.scope);
    if (use.per_tab) budget.Set("largest_tab", use.largest_tab);
    budgets.Set(use.name, std::move(budget));
    report.AddLine("  " + use.name + ": " + std::to_string(use.used) +
                   (use.per_tab ? " (largest tab " + std::to_string(use.largest_tab) + ")" : "") + ", bound " +
                   std::to_string(use.bound) + " " + use.scope);
  }
  report.Set("budgets", std::move(budgets));
  return report;
}

Report DeathsReport(const std::deque<proto::DeathRecord>& deaths) {
  Report report;
  ReportValue list = ReportValue::Array();
  for (const proto::DeathRecord& record : deaths) {
    list.Append(DeathValue(record));
    const std::string site = record.site().empty() ? "" : " of " + record.site();
    report.AddLine("pid " + std::to_string(record.pid()) + " (" + DeathType(record) + site +
                   "): " + DescribeDeath(record) + "; " + record.restart_decision());
  }
  report.Set("deaths", std::move(list)).WhenEmpty("no deaths");
  return report;
}

Report BrokerReport(const std::deque<BrokerLogEntry>& log, size_t count) {
  Report report;
  ReportValue list = ReportValue::Array();
  for (size_t i = log.size() > count ? log.size() - count : 0; i < log.size(); ++i) {
    const BrokerLogEntry& entry = log[i];
    list.Append(ReportValue::Object()
                    .Set("tab", entry.tab_id)
                    .Set("url", entry.url)
                    .Set("rule", entry.rule)
                    .Set("outcome", entry.outcome)
                    .Set("time_ms", entry.time_ms));
    report.AddLine("tab " + std::to_string(entry.tab_id) + "  " + entry.url);
    report.AddLine("    " + entry.rule + " -> " + entry.outcome);
  }
  report.Set("decisions", std::move(list)).WhenEmpty("no decisions yet");
  return report;
}

Report SandboxStateReport(int tab_id, const sandbox::ProcessSandboxStatus& status, const proto::SandboxReport* probes) {
  Report report;
  report.Set("id", tab_id)
      .Set("pid", static_cast<int64_t>(status.pid))
      .Set("sandboxed", status.FullySandboxed())
      .Set("summary", status.ToString())
      .Set("seccomp", status.seccomp_mode)
      .Set("no_new_privs", status.no_new_privs)
      .Set("open_fds", status.open_fds)
      .Set("threads", status.threads);
  ReportValue namespaces = ReportValue::Object();
  std::string namespaces_text = "  namespaces vs browser:";
  for (const SandboxNamespace& ns : SandboxNamespaces(status)) {
    namespaces.Set(ns.name, ns.separate ? "own" : "shared");
    namespaces_text += std::string(" ") + ns.name + (ns.separate ? "=own" : "=SHARED");
  }
  ReportValue limits = ReportValue::Object();
  for (const auto& [name, value] : SandboxLimits(status)) limits.Set(name, value);
  ReportValue list = ReportValue::Array();
  if (probes) {
    for (const auto& probe : probes->probes()) {
      list.Append(ReportValue::Object()
                      .Set("name", probe.name())
                      .Set("denied", probe.denied())
                      .Set("errno", probe.error_number() ? ProbeErrnoName(probe.error_number()) : "")
                      .Set("detail", probe.detail()));
    }
  }
  report.Set("namespaces", std::move(namespaces))
      .Set("limits", std::move(limits))
      .Set("probes", std::move(list))
      .Set("probes_answered", probes != nullptr);
  if (!status.error.empty()) return report.AddLine("renderer " + std::to_string(status.pid) + ": " + status.error);
  report.AddLine("measured from outside: " + status.ToString()).AddLine(namespaces_text);
  report.AddLine("  Seccomp: " + std::to_string(status.seccomp_mode) +
                 " (2 = filter)  NoNewPrivs: " + (status.no_new_privs ? "1" : "0") +
                 "  open fds: " + std::to_string(status.open_fds) + "  threads: " + std::to_string(status.threads));
  for (const auto& [name, value] : SandboxLimits(status)) report.AddLine("  limit " + name + ": " + value);
  if (!probes) return report.AddLine("  probes: the renderer did not answer");
  report.AddLine("  tried inside the renderer just now:");
  for (const auto& probe : probes->probes()) {
    std::string line = "    " + probe.name() + ": " + (probe.denied() ? "denied" : "ALLOWED");
    if (probe.error_number()) line += std::string(" (") + ProbeErrnoName(probe.error_number()) + ")";
    report.AddLine(std::move(line));
  }
  return report;
}

}  // namespace sandtab::browser
