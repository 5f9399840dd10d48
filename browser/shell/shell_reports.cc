// The shell's reporting commands: tabs, ps, stats, sandbox, deaths, broker
// (plugins: shell_plugins.cc).
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <deque>
#include <map>
#include <vector>

#include "browser/common/browser_config.h"
#include "browser/loader/resource_loader.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_reaper.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/tab_manager.h"
#include "browser/common/trace_recorder.h"
#include "browser/process/child_process.h"
#include "browser/process/death_classifier.h"
#include "browser/tab/fetch_body_pacer.h"
#include "browser/common/json_writer.h"
#include "browser/tab/navigation_history.h"
#include "browser/process/process_stats.h"
#include "browser/process/sandbox_report.h"
#include "browser/common/terminal_text.h"
#include "browser/process/zygote_launcher.h"
#include "browser/shell/shell_commands.h"
#include "browser/tab/spare_renderer.h"
#include "browser/tab/tab.h"
#include "browser/common/trace_recorder.h"
#include "ipc/handshake.h"

namespace sandtab::browser {
namespace {

CommandAnswer Answer(std::string text, std::string json) {
  CommandAnswer answer;
  answer.text = std::move(text);
  answer.json = std::move(json);
  return answer;
}

void WriteDeath(JsonWriter& json, std::string_view key, const proto::DeathRecord& record) {
  std::string type = ipc::ProcessTypeName(record.process_type());
  if (!record.plugin_type().empty()) type += ":" + record.plugin_type();
  json.BeginObject(key)
      .Field("pid", record.pid())
      .Field("type", type)
      .Field("plugin_type", record.plugin_type())
      .Field("cause", CauseName(record.cause()))
      .Field("description", DescribeDeath(record))
      .Field("exit_code", record.exit_code())
      .Field("signal", record.signal())
      .Field("detail", record.detail())
      .Field("restart_decision", record.restart_decision())
      .Field("time_ms", static_cast<int64_t>(record.time_ms()));
  json.BeginArray("tabs");
  for (int id : record.tab_ids()) json.Raw("", std::to_string(id));
  json.EndArray().EndObject();
}

std::string Pad(std::string text, size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  text.resize(width, ' ');
  return text;
}

}  // namespace

void ShellCommands::Tabs(const Args&, Reply reply) {
  JsonWriter json;
  json.BeginObject().BeginArray("tabs");
  std::string text = Pad("ID", 4) + Pad("STATE", 11) + Pad("PID", 8) + Pad("CRASHES", 8) + Pad("TITLE", 26) + "URL";
  for (const auto& [id, tab] : services_.tabs.tabs()) {
    json.BeginObject()
        .Field("id", id)
        .Field("pid", static_cast<int64_t>(tab->pid()))
        .Field("state", TabStateName(tab->state()))
        .Field("url", tab->url())
        .Field("title", tab->title())
        .Field("crashes", tab->crashes())
        .Field("scroll_y", tab->scroll_y())
        .Field("frames", tab->sink().frames_presented())
        .Field("surface", tab->surface_released() ? "released" : "held")
        .Field("history_entries", static_cast<uint64_t>(tab->history().size()))
        .Field("history_bytes", static_cast<uint64_t>(tab->history().bytes()));
    if (!tab->document_error().empty()) json.Field("document_error", tab->document_error());
    if (tab->last_death()) {
      WriteDeath(json, "last_death", *tab->last_death());
    } else {
      json.Null("last_death");
    }
    json.EndObject();
    text += '\n';
    text += Pad(std::to_string(id), 4) + Pad(TabStateName(tab->state()), 11) +
            Pad(tab->pid() > 0 ? std::to_string(tab->pid()) : "-", 8) + Pad(std::to_string(tab->crashes()), 8) +
            Pad(tab->title().empty() ? "-" : SanitizeForTerminal(tab->title()), 26) + SanitizeForTerminal(tab->url());
    if (tab->last_death()) {
      text += "\n    last death: " + SanitizeForTerminal(DescribeDeath(*tab->last_death())) + "; " +
              tab->last_death()->restart_decision();
    }
  }
  json.EndArray().EndObject();
  reply(Answer(text, json.text()));
}

namespace {

// A process `ps` lists, as the loop knows it; /proc says the rest.
struct PsRow {
  pid_t pid;
  std::string type;
  int tab;
  std::string state;
};

// Reads /proc for every row: on the blocking worker, since smaps_rollup walks
// each process's page tables (~0.5 ms a renderer here, 0.3 s at 500 tabs).
CommandAnswer PsAnswer(const std::vector<PsRow>& rows) {
  JsonWriter json;
  json.BeginObject().BeginArray("processes");
  std::string text = Pad("PID", 8) + Pad("TYPE", 14) + Pad("TAB", 5) + Pad("PSS(KiB)", 10) +
                     Pad("CPU(s)", 8) + Pad("STATE", 13) + "SANDBOXED";
  for (const PsRow& row : rows) {
    ProcessUsage usage = ReadProcessUsage(row.pid);
    // The browser is trusted, and the zygote sits in layer 1 only: layer 2
    // is each renderer's own step.
    bool sandboxed = false;
    std::string summary;
    if (row.type == "browser") {
      summary = "no (trusted)";
    } else if (row.type == "zygote") {
      summary = "layer 1 only (forks renderers)";
      sandboxed = IsSandboxed(row.pid);
    } else {
      summary = SandboxSummary(row.pid, &sandboxed);
    }
    char cpu[32];
    std::snprintf(cpu, sizeof(cpu), "%.2f", usage.cpu_seconds);
    json.BeginObject()
        .Field("pid", static_cast<int64_t>(row.pid))
        .Field("type", row.type)
        .Field("tab", row.tab)
        .Field("memory_kib", usage.pss_kib)
        .Field("rss_kib", usage.rss_kib)
        .Field("private_kib", usage.private_kib)
        .Field("cpu_seconds", usage.cpu_seconds)
        .Field("state", row.state)
        .Field("sandboxed", sandboxed)
        .EndObject();
    text += '\n';
    text += Pad(std::to_string(row.pid), 8) + Pad(row.type, 14) +
            Pad(row.tab ? std::to_string(row.tab) : "-", 5) + Pad(std::to_string(usage.pss_kib), 10) +
            Pad(cpu, 8) + Pad(row.state, 13) + summary;
  }
  json.EndArray().EndObject();
  return Answer(text, json.text());
}

}  // namespace

void ShellCommands::Ps(const Args&, Reply reply) {
  std::vector<PsRow> rows{{::getpid(), "browser", 0, "running"}};
  if (services_.zygote && services_.zygote->zygote_pid() > 0) {
    rows.push_back({services_.zygote->zygote_pid(), "zygote", 0,
                    std::to_string(services_.zygote->children()) + " forked"});
  }
  for (const auto& [id, tab] : services_.tabs.tabs()) {
    if (tab->pid() > 0) rows.push_back({tab->pid(), "renderer", id, TabStateName(tab->state())});
  }
  // Not a tab's renderer (yet): its own type, so "renderer" rows stay one per tab.
  if (const SpareRenderer* spare = services_.spare; spare && spare->pid() > 0) {
    rows.push_back({spare->pid(), "spare-renderer", 0, spare->state_name()});
  }
  for (const auto& [type, host] : services_.plugins.hosts()) {
    if (host->alive()) {
      rows.push_back({host->pid(), "plugin:" + type, 0,
                      std::to_string(host->instances().size()) + " instances"});
    }
  }
  // A pid read after its process ended (and was reaped) reads as 0 KiB and
  // "gone", as in any task manager: the list is of the moment it was asked.
  blocking_.Run([rows = std::move(rows)] { return PsAnswer(rows); }, std::move(reply));
}

namespace {

// One bound a child could push against (DESIGN section 12): its named
// value and what is used now, summed over tabs with the largest tab's share
// when the bound is per tab.
struct BudgetUse {
  std::string name;
  uint64_t used = 0;
  uint64_t largest_tab = 0;
  uint64_t bound = 0;
  std::string scope;  // "per tab", "per channel", "per field", ...
  bool per_tab = false;
};

class BudgetTally {
 public:
  BudgetUse& Add(std::string name, uint64_t bound, std::string scope) {
    uses_.push_back({std::move(name), 0, 0, bound, std::move(scope), false});
    return uses_.back();
  }
  static void AddTab(BudgetUse& use, uint64_t value) {
    use.per_tab = true;
    use.used += value;
    use.largest_tab = std::max(use.largest_tab, value);
  }
  std::vector<BudgetUse> Take() { return {uses_.begin(), uses_.end()}; }

 private:
  std::deque<BudgetUse> uses_;  // Add hands out references: they must stay put
};

// `stats`: what the loop knows, taken at once; what /proc says (a walk of
// every process for zombies, a readlink per fd), on the blocking worker.
struct StatsFacts {
  int tabs = 0;
  size_t shared_bytes = 0;
  uint64_t frames = 0;
  int live = 0;
  pid_t zygote_pid = -1;
  bool spare = false;
  pid_t spare_pid = -1;
  std::string spare_state = "off";
  uint64_t spares_taken = 0;
  uint64_t deaths = 0;
  uint64_t decisions = 0;
  std::vector<BudgetUse> budgets;
  // From /proc.
  FdCounts fds;
  int zombies = 0;
  int dev_shm = 0;
  int sysv = 0;
};

CommandAnswer StatsAnswer(const StatsFacts& facts) {
  JsonWriter json;
  json.BeginObject()
      .Field("tabs", facts.tabs)
      .Field("live_children", facts.live)
      .Field("zygote_pid", static_cast<int64_t>(facts.zygote_pid))
      .Field("spare_pid", static_cast<int64_t>(facts.spare_pid))
      .Field("spare_state", facts.spare_state)
      .Field("spares_taken", facts.spares_taken)
      .Field("zombies", facts.zombies)
      .Field("fds", facts.fds.total)
      .Field("memfds", facts.fds.memfds)
      .Field("shared_bytes", static_cast<uint64_t>(facts.shared_bytes))
      .Field("dev_shm_entries", facts.dev_shm)
      .Field("sysv_shm_segments", facts.sysv)
      .Field("deaths", facts.deaths)
      .Field("frames_presented", facts.frames)
      .Field("broker_decisions", facts.decisions);
  json.BeginObject("budgets");
  std::string budgets_text;
  for (const BudgetUse& use : facts.budgets) {
    json.BeginObject(use.name).Field("used", use.used).Field("bound", use.bound).Field("scope", use.scope);
    if (use.per_tab) json.Field("largest_tab", use.largest_tab);
    json.EndObject();
    budgets_text += "\n  " + use.name + ": " + std::to_string(use.used) +
                    (use.per_tab ? " (largest tab " + std::to_string(use.largest_tab) + ")" : "") + ", bound " +
                    std::to_string(use.bound) + " " + use.scope;
  }
  json.EndObject().EndObject();
  std::string text = "tabs " + std::to_string(facts.tabs) + ", live children " + std::to_string(facts.live) +
                     ", zombies " + std::to_string(facts.zombies) + "\nfds " + std::to_string(facts.fds.total) +
                     " (memfds " + std::to_string(facts.fds.memfds) + "), shared bytes " +
                     std::to_string(facts.shared_bytes) + "\n/dev/shm entries " + std::to_string(facts.dev_shm) +
                     ", System V shm segments " + std::to_string(facts.sysv) + "\ndeaths " +
                     std::to_string(facts.deaths) + ", frames presented " + std::to_string(facts.frames) +
                     ", broker decisions " + std::to_string(facts.decisions);
  if (facts.spare) {
    text += "\nspare renderer " + facts.spare_state +
            (facts.spare_pid > 0 ? " (pid " + std::to_string(facts.spare_pid) + ")" : "") + ", taken " +
            std::to_string(facts.spares_taken) + " times";
  }
  text += "\nbudgets:" + budgets_text;
  return Answer(text, json.text());
}

// Every bound of section 12 that stats shows, with what is used now.
std::vector<BudgetUse> CollectBudgets(ShellServices& services) {
  BudgetTally tally;
  BudgetUse& history_entries = tally.Add("history_entries", NavigationHistory::kMaxEntries, "per tab");
  BudgetUse& history_bytes = tally.Add("history_bytes", NavigationHistory::kMaxBytes, "per tab");
  BudgetUse& pending = tally.Add("pending_fetches", kMaxOutstandingFetches, "per tab");
  BudgetUse& waiting = tally.Add("fetch_answers_waiting", FetchBodyPacer::kMaxWaiting, "per tab");
  BudgetUse& unread_fds = tally.Add("unread_body_fds", FetchBodyPacer::kWindowFds, "per tab (answers wait past it)");
  BudgetUse& unread_bytes =
      tally.Add("unread_body_bytes", FetchBodyPacer::kWindowBytes, "per tab (answers wait past it)");
  for (const auto& [id, tab] : services.tabs.tabs()) {
    BudgetTally::AddTab(history_entries, tab->history().size());
    BudgetTally::AddTab(history_bytes, tab->history().bytes());
    BudgetTally::AddTab(pending, tab->pending_fetches());
    BudgetTally::AddTab(waiting, tab->body_pacer().waiting());
    const ipc::UnreadAttachments::Totals unread = tab->unread_attachments();
    BudgetTally::AddTab(unread_fds, unread.fds);
    BudgetTally::AddTab(unread_bytes, unread.bytes);
  }
  tally.Add("channel_unread_fds", ipc::Channel::kMaxUnreadFds, "per channel (the peer is killed past it)");
  tally.Add("channel_unread_attached_bytes", ipc::Channel::kMaxUnreadAttachedBytes,
            "per channel (the peer is killed past it)");
  tally.Add("channel_queued_bytes", ipc::Channel::kMaxQueuedBytes, "per channel (the peer is killed past it)");
  tally.Add("fds_in_an_unfinished_frame", 0, "from a child (killed at the first); kMaxFdsPerFrame to a child");
  const ResourceLoader& loader = services.loader;
  tally.Add("broker_log_entries", ResourceLoader::kBrokerLogSize, "oldest dropped").used = loader.broker_log().size();
  tally.Add("broker_log_text_bytes", 3 * ResourceLoader::kBrokerLogSize * ResourceLoader::kMaxBrokerLogTextBytes,
            "url, rule and outcome cut to " + std::to_string(ResourceLoader::kMaxBrokerLogTextBytes) + " bytes each")
      .used = loader.broker_log_text_bytes();
  const TraceRecorder& trace = services.trace;
  tally.Add("trace_events", TraceRecorder::kMaxEvents, "later events dropped").used = trace.events();
  tally.Add("trace_detail_bytes", TraceRecorder::kMaxEvents * TraceRecorder::kMaxDetailBytes,
            "each detail cut to " + std::to_string(TraceRecorder::kMaxDetailBytes) + " bytes")
      .used = trace.detail_bytes();
  tally.Add("child_log_line_bytes", ChildProcess::kMaxLogLine, "per line (the rest dropped; no lines kept)");
  return tally.Take();
}

}  // namespace

void ShellCommands::Stats(const Args&, Reply reply) {
  StatsFacts facts;
  for (const auto& [id, tab] : services_.tabs.tabs()) {
    facts.shared_bytes += tab->sink().shared_bytes();
    facts.frames += tab->sink().frames_presented();
  }
  facts.tabs = static_cast<int>(services_.tabs.tabs().size());
  if (const SpareRenderer* spare = services_.spare) {
    facts.spare = true;
    facts.shared_bytes += spare->shared_bytes();
    facts.spare_pid = spare->pid();
    facts.spare_state = spare->state_name();
    facts.spares_taken = spare->taken();
  }
  // Renderers and plugins not yet reaped (the zygote is not a tab's process).
  const bool zygote_up = services_.zygote && services_.zygote->zygote_pid() > 0;
  facts.zygote_pid = zygote_up ? services_.zygote->zygote_pid() : -1;
  facts.live = static_cast<int>(services_.reaper.watched()) - (zygote_up ? 1 : 0);
  facts.deaths = services_.tabs.total_deaths();
  facts.decisions = services_.loader.decisions();
  facts.budgets = CollectBudgets(services_);
  blocking_.Run(
      [facts]() mutable {
        facts.fds = CountOwnFds();
        facts.zombies = CountOwnZombies();
        facts.dev_shm = CountDevShmEntries();
        facts.sysv = CountSysvShmSegments();
        return StatsAnswer(facts);
      },
      std::move(reply));
}

void ShellCommands::Deaths(const Args&, Reply reply) {
  JsonWriter json;
  json.BeginObject().BeginArray("deaths");
  std::string text;
  for (const auto& record : services_.tabs.deaths()) {
    WriteDeath(json, "", record);
    if (!text.empty()) text += "\n";
    // Appended piece by piece: GCC 12 misreads `"..." + std::string&&` (-Wrestrict).
    text += "pid " + std::to_string(record.pid()) + " (" + ipc::ProcessTypeName(record.process_type());
    if (!record.plugin_type().empty()) {
      text += ':';
      text += SanitizeForTerminal(record.plugin_type());
    }
    text += "): ";
    text += SanitizeForTerminal(DescribeDeath(record));
    text += "; " + record.restart_decision();
  }
  json.EndArray().EndObject();
  reply(Answer(text.empty() ? "no deaths" : text, json.text()));
}

void ShellCommands::Broker(const Args& args, Reply reply) {
  size_t count = 20;
  if (args.size() > 1) count = static_cast<size_t>(std::max(1, std::atoi(args[1].c_str())));
  const auto& log = services_.loader.broker_log();
  JsonWriter json;
  json.BeginObject().BeginArray("decisions");
  std::string text;
  for (size_t i = log.size() > count ? log.size() - count : 0; i < log.size(); ++i) {
    const BrokerLogEntry& entry = log[i];
    json.BeginObject()
        .Field("tab", entry.tab_id)
        .Field("url", entry.url)
        .Field("rule", entry.rule)
        .Field("outcome", entry.outcome)
        .Field("time_ms", entry.time_ms)
        .EndObject();
    if (!text.empty()) text += "\n";
    text += "tab " + std::to_string(entry.tab_id) + "  " + SanitizeForTerminal(entry.url) + "\n    " +
            SanitizeForTerminal(entry.rule) + " -> " + SanitizeForTerminal(entry.outcome);
  }
  json.EndArray().EndObject();
  reply(Answer(text.empty() ? "no decisions yet" : text, json.text()));
}

}  // namespace sandtab::browser

namespace sandtab::browser {

void ShellCommands::Sandbox(const Args& args, Reply reply) {
  Tab* tab = TabArg(args, 1, reply);
  if (!tab) return;
  pid_t pid = tab->pid();
  if (pid <= 0) {
    CommandAnswer answer;
    answer.ok = false;
    answer.text = "tab " + args[1] + " has no live renderer";
    return reply(answer);
  }
  int id = tab->id();
  tab->RequestSandboxReport([pid, id, reply](const proto::SandboxReport* report) {
    reply(Answer(SandboxReportText(pid, report), SandboxReportJson(pid, id, report)));
  });
}

}  // namespace sandtab::browser
