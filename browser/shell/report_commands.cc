#include "browser/shell/report_commands.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <vector>

#include "browser/common/browser_config.h"
#include "browser/common/trace_recorder.h"
#include "browser/loader/resource_loader.h"
#include "browser/plugins/plugin_broker.h"
#include "browser/process/child_process.h"
#include "browser/process/death_log.h"
#include "browser/process/process_registry.h"
#include "browser/process/process_stats.h"
#include "browser/process/sandbox_report.h"
#include "browser/shell/plugins_report.h"
#include "browser/shell/process_reports.h"
#include "browser/shell/shell_context.h"
#include "browser/shell/shell_services.h"
#include "browser/tab/fetch_body_pacer.h"
#include "browser/tab/console_log.h"
#include "browser/tab/navigation_history.h"
#include "browser/tab/spare_renderer.h"
#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"
#include "browser/tab/tab_scripts.h"

namespace sandtab::browser {
namespace {

// What `ps` reads of /proc for a process the loop listed: on the blocking
// worker, since smaps_rollup walks each process's page tables (~0.5 ms a
// renderer here, 0.3 s at 500 tabs).
void ReadProc(PsProcess& process) {
  process.usage = ReadProcessUsage(process.pid);
  // The browser is trusted, and the zygote sits in layer 1 only: layer 2
  // is each renderer's own step.
  if (process.type == "browser") {
    process.sandbox_summary = "no (trusted)";
  } else if (process.type == "zygote") {
    process.sandbox_summary = "layer 1 only (forks renderers)";
    process.sandboxed = IsSandboxed(process.pid);
  } else {
    process.sandbox_summary = SandboxSummary(process.pid, &process.sandboxed);
  }
}

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
  BudgetUse& console_lines = tally.Add("console_lines", ConsoleLog::kDefaultCapacity, "per tab (oldest dropped)");
  BudgetUse& console_bytes = tally.Add("console_bytes", ConsoleLog::kDefaultMaxBytes, "per tab (oldest dropped)");
  BudgetUse& script_questions =
      tally.Add("script_questions", TabScripts::kMaxOutstanding, "per tab (eval and DOM dumps; more refused)");
  for (const auto& [id, tab] : services.tabs.tabs()) {
    BudgetTally::AddTab(console_lines, tab->console().size());
    BudgetTally::AddTab(console_bytes, tab->console().bytes());
    BudgetTally::AddTab(script_questions, tab->script_questions());
    BudgetTally::AddTab(history_entries, tab->history().size());
    BudgetTally::AddTab(history_bytes, tab->history().bytes());
    BudgetTally::AddTab(pending, tab->pending_fetches());
    BudgetTally::AddTab(waiting, tab->body_pacer().waiting());
    const ipc::UnreadAttachments::Totals unread = tab->unread_attachments();
    BudgetTally::AddTab(unread_fds, unread.fds);
    BudgetTally::AddTab(unread_bytes, unread.bytes);
  }
  // Tab pixels: live surfaces past --max-surfaces go back (least recently
  // used first; the window's tab stays); saved frames past five are dropped.
  tally
      .Add("surfaces_held", static_cast<uint64_t>(services.config.max_surfaces),
           "tabs with pixel buffers (least recently used released; a tab being looked at is over it for a moment)")
      .used = static_cast<uint64_t>(services.tabs.SurfacesHeld());
  tally.Add("saved_frames", TabManager::kSavedFrames, "compressed last frames of released tabs (least recent dropped)")
      .used = static_cast<uint64_t>(services.tabs.SavedFrames());
  tally.Add("channel_unread_fds", ipc::Channel::kMaxUnreadFds, "per channel (the peer is killed past it)");
  tally.Add("channel_unread_attached_bytes", ipc::Channel::kMaxUnreadAttachedBytes,
            "per channel (the peer is killed past it)");
  tally.Add("channel_queued_bytes", ipc::Channel::kMaxQueuedBytes, "per channel (the peer is killed past it)");
  tally.Add("fds_in_an_unfinished_frame", 0, "from a child (killed at the first); kMaxFdsPerFrame to a child");
  const ResourceLoader& loader = services.loader;
  tally.Add("broker_log_entries", ResourceLoader::kBrokerLogSize, "oldest dropped").used = loader.broker_log().size();
  tally
      .Add("broker_log_text_bytes", 3 * ResourceLoader::kBrokerLogSize * ResourceLoader::kMaxBrokerLogTextBytes,
           "url, rule and outcome cut to " + std::to_string(ResourceLoader::kMaxBrokerLogTextBytes) + " bytes each")
      .used = loader.broker_log_text_bytes();
  const TraceRecorder& trace = services.trace;
  tally.Add("trace_events", TraceRecorder::kMaxEvents, "later events dropped").used = trace.events();
  tally
      .Add("trace_detail_bytes", TraceRecorder::kMaxEvents * TraceRecorder::kMaxDetailBytes,
           "each detail cut to " + std::to_string(TraceRecorder::kMaxDetailBytes) + " bytes")
      .used = trace.detail_bytes();
  tally.Add("child_log_line_bytes", ChildProcess::kMaxLogLine, "per line (the rest dropped; no lines kept)");
  return tally.Take();
}

}  // namespace

void ReportCommands::Tabs(const Args&, Reply reply) {
  std::vector<TabFacts> rows;
  for (const auto& [id, tab] : shell_.services().tabs.tabs()) {
    rows.push_back({.id = id,
                    .pid = tab->pid(),
                    .state = TabStateName(tab->state()),
                    .site = tab->site_lock(),
                    .url = tab->url(),
                    .title = tab->title(),
                    .crashes = tab->crashes(),
                    .scroll_y = tab->scroll_y(),
                    .frames = tab->sink().frames_presented(),
                    .surface_released = tab->surface_released(),
                    .history_entries = tab->history().size(),
                    .history_bytes = tab->history().bytes(),
                    .document_error = tab->document_error(),
                    .last_death = tab->last_death()});
  }
  reply(Answer(TabsReport(rows)));
}

void ReportCommands::Ps(const Args&, Reply reply) {
  // What the loop knows, from the registry; /proc says the rest.
  std::vector<PsProcess> rows;
  for (ProcessRow& process : shell_.services().processes.Rows()) {
    PsProcess& row = rows.emplace_back();
    row.pid = process.pid;
    row.type = std::move(process.type);
    row.tab = process.tab;
    row.state = std::move(process.state);
    row.site = std::move(process.site);
  }
  // A pid read after its process ended (and was reaped) reads as 0 KiB and
  // "gone", as in any task manager: the list is of the moment it was asked.
  shell_.blocking().Run(
      [rows = std::move(rows)]() mutable {
        for (PsProcess& row : rows) ReadProc(row);
        return Answer(PsReport(rows));
      },
      std::move(reply));
}

void ReportCommands::Stats(const Args&, Reply reply) {
  ShellServices& services = shell_.services();
  StatsFacts facts;
  for (const auto& [id, tab] : services.tabs.tabs()) {
    facts.shared_bytes += tab->sink().shared_bytes();
    facts.frames += tab->sink().frames_presented();
  }
  facts.tabs = static_cast<int>(services.tabs.tabs().size());
  if (const SpareRenderer* spare = services.spare) {
    facts.spare = true;
    facts.shared_bytes += spare->shared_bytes();
    facts.spare_pid = spare->pid();
    facts.spare_state = spare->state_name();
    facts.spares_taken = spare->taken();
  }
  facts.zygote_pid = services.processes.zygote_pid();
  facts.live = static_cast<int>(services.processes.live_children());
  facts.deaths = services.deaths.total();
  facts.decisions = services.loader.decisions();
  facts.budgets = CollectBudgets(services);
  shell_.blocking().Run(
      [facts]() mutable {
        facts.fds = CountOwnFds();
        facts.zombies = CountOwnZombies();
        facts.dev_shm = CountDevShmEntries();
        facts.sysv = CountSysvShmSegments();
        return Answer(StatsReport(facts));
      },
      std::move(reply));
}

void ReportCommands::Deaths(const Args&, Reply reply) {
  reply(Answer(DeathsReport(shell_.services().deaths.records())));
}

void ReportCommands::Broker(const Args& args, Reply reply) {
  size_t count = 20;
  if (args.size() > 1) count = static_cast<size_t>(std::max(1, std::atoi(args[1].c_str())));
  reply(Answer(BrokerReport(shell_.services().loader.broker_log(), count)));
}

void ReportCommands::Plugins(const Args&, Reply reply) {
  ShellServices& services = shell_.services();
  PluginBroker& plugins = services.plugins;
  PluginsFacts facts;
  for (const auto& [type, host] : plugins.hosts()) {
    PluginProcessFacts& process = facts.processes.emplace_back();
    process.type = type;
    process.pid = host->pid();
    process.alive = host->alive();
    process.instances = static_cast<int>(host->instances().size());
    process.frames = host->frames();
    process.sandboxed = IsSandboxed(host->pid());
    process.surface_bytes = plugins.budget().surface_bytes(type);
    for (const auto& [id, instance] : host->instances()) ++process.instances_per_tab[instance->tab_id];
  }
  for (const auto& [id, instance] : plugins.instances()) {
    facts.instances.push_back({.id = id,
                               .tab = instance->tab_id,
                               .type = instance->type,
                               .state = instance->state,
                               .width = instance->rect.width(),
                               .height = instance->rect.height(),
                               .frames = instance->sink ? instance->sink->frames_presented() : uint64_t{0},
                               .reason = instance->crash_reason});
  }
  facts.relaunch = plugins.relaunch_policy().Report(PluginRelaunchPolicy::Clock::now());
  facts.debug_params = services.config.enable_plugin_debug;
  reply(Answer(PluginsReport(facts, plugins.budget())));
}

void ReportCommands::Sandbox(const Args& args, Reply reply) {
  Tab* tab = shell_.TabArg(args, 1, reply);
  if (!tab) return;
  const pid_t pid = tab->pid();
  if (pid <= 0) return reply(Fail("tab " + args[1] + " has no live renderer"));
  const int id = tab->id();
  tab->RequestSandboxReport([pid, id, reply](const proto::SandboxReport* probes) {
    reply(Answer(SandboxStateReport(id, sandbox::InspectProcess(pid), probes)));
  });
}

}  // namespace sandtab::browser
