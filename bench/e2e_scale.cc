// `bench --scale`: hundreds of tabs open at once in one real Browser (zygote,
// sandbox, the default surface budget), then renderers crashed at random
// while they stay open, then every tab closed and the residue counted.
//
//   1. baseline: the browser up, its zygote ready, no tab: fds, memfds.
//   2. open N tabs (the built-in pages in turn, or --scale-page=FILE in every
//      tab: scripted.html for the JavaScript run), in waves of 50, each wave
//      waited for (bounded) until every tab of it painted once.
//   3. settle (the budget timer releases the surfaces of background tabs),
//      then: `tabs`, `ps` and `screenshot all` timed in-process through
//      ShellCommands::Run, with the loop's longest stall (e2e_scale_shell.cc); the
//      browser's CPU over an idle window (CLOCK_PROCESS_CPUTIME_ID);
//      every renderer's smaps split into the pixel-buffer mappings
//      (/memfd:) and the rest; idle floor processes beside them; the
//      browser's own memfds and their bytes.
//   4. faults: K distinct random renderers get about:crash (a real SIGSEGV)
//      a few ms apart; every one must come back (new pid, loaded, a new
//      frame) and every other tab must be untouched.
//   5. close every tab: no renderer left, no zombie, fds and memfds back to
//      the baseline.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "bench/e2e_driver.h"
#include "bench/e2e_proc_facts.h"
#include "bench/e2e_scale_shell.h"
#include "browser/process/process_stats.h"

namespace sandtab::bench {
namespace {

const char* const kPages[] = {"index.html", "article.html", "table.html", "fonts.html", "simple.html"};
// --scale-page=js-mix (issue 25 line 3): every other tab scripted, the
// animating page among them, so most of the run's tabs animate or tick in
// the background.
const char* const kJsMix[] = {"index.html", "animation.html", "article.html", "counter.html",
                              "table.html", "scripted.html",  "simple.html",  "animation.html"};
constexpr int kWave = 50;

double Median(std::vector<double> values) {
  Samples samples;
  for (double value : values) samples.Add(value);
  return samples.Median();
}

}  // namespace

std::vector<Row> RunScaleRows(const E2eOptions& options) {
  const int tab_count = options.smoke ? std::min(options.scale_tabs, 10) : options.scale_tabs;
  const int crash_count =
      std::min(options.smoke ? std::min(options.scale_crashes, 2) : options.scale_crashes, tab_count);
  const double idle_seconds = options.smoke ? 1.0 : options.idle_seconds;
  ScaleShellRows shell;
  Row open_row{"scale/open"}, cpu_row{"scale/idle_cpu"}, memory_row{"scale/renderer_memory"},
      floor_row{"scale/idle_floor_memory"}, buffers_row{"scale/buffers"}, faults_row{"scale/faults"},
      residue_row{"scale/residue"};
  auto all_rows = [&] {
    return std::vector<Row>{open_row,   shell.tabs, shell.stats, shell.ps,   shell.sheet, cpu_row,
                            memory_row, floor_row,  buffers_row, faults_row, residue_row};
  };

  BrowserDriver driver(options, {.sandbox = true, .zygote = true});
  browser::Browser& browser = driver.browser();
  if (!driver.WaitZygoteReady(20)) {
    open_row.error = "the zygote did not say hello within 20 s";
    return all_rows();
  }
  driver.RunUntil([] { return false; }, 0.2);  // let start-up settle
  const browser::FdCounts baseline = browser::CountOwnFds();
  rlimit nofile{};
  ::getrlimit(RLIMIT_NOFILE, &nofile);

  // 2. Open in waves; every tab must paint once.
  std::vector<browser::Tab*> tabs;
  std::vector<bool> painted_once;
  std::vector<double> first_paint_us;
  int peak_fds = baseline.total, peak_memfds = baseline.memfds;
  const auto open_start = Clock::now();
  for (int wave_start = 0; wave_start < tab_count && open_row.error.empty(); wave_start += kWave) {
    const int wave_end = std::min(tab_count, wave_start + kWave);
    const auto wave_opened = Clock::now();
    for (int i = wave_start; i < wave_end; ++i) {
      const std::string page = options.scale_page.empty()       ? kPages[i % std::size(kPages)]
                               : options.scale_page == "js-mix" ? kJsMix[i % std::size(kJsMix)]
                                                                : options.scale_page;
      browser::Tab* tab = driver.Open(page, &open_row.error);
      if (!tab) break;
      tabs.push_back(tab);
      painted_once.push_back(false);
      first_paint_us.push_back(-1);
    }
    if (!open_row.error.empty()) break;
    int pending = wave_end - wave_start;
    driver.RunUntil(
        [&] {
          for (int i = wave_start; i < wave_end; ++i) {
            if (painted_once[i] || !(tabs[i]->painted() || (tabs[i]->state() == browser::TabState::kLoaded &&
                                                            tabs[i]->sink().frames_presented() > 0))) {
              continue;
            }
            painted_once[i] = true;
            first_paint_us[i] = MicrosSince(wave_opened);
            --pending;
          }
          return pending == 0;
        },
        120);
    const browser::FdCounts now = browser::CountOwnFds();
    peak_fds = std::max(peak_fds, now.total);
    peak_memfds = std::max(peak_memfds, now.memfds);
    if (pending > 0) {
      open_row.error = std::to_string(pending) + " tabs of the wave opened at tab " + std::to_string(wave_start + 1) +
                       " not painted within 120 s";
    }
  }
  const double open_seconds = MicrosSince(open_start) / 1e6;
  const int painted = static_cast<int>(std::count(painted_once.begin(), painted_once.end(), true));
  open_row.Set("tabs", tab_count)
      .Set("painted", painted)
      .Set("seconds", open_seconds)
      .Set("tabs_per_s", painted / open_seconds)
      .Set("first_paint_in_wave_median_us", Median(first_paint_us))
      .Set("rlimit_nofile", static_cast<double>(nofile.rlim_cur))
      .Set("baseline_fds", baseline.total)
      .Set("baseline_memfds", baseline.memfds);
  if (!open_row.error.empty()) {
    driver.browser().tabs().CloseAll();
    return all_rows();
  }

  // 3. Settle: the budget timer (1 s) releases background surfaces.
  const int max_surfaces = browser.config().max_surfaces;
  driver.RunUntil([&] { return browser.tabs().SurfacesHeld() <= max_surfaces; }, 10);
  driver.RunUntil([] { return false; }, options.smoke ? 0.5 : 2.0);  // renderers unmap, frames settle
  {
    const browser::FdCounts now = browser::CountOwnFds();
    peak_fds = std::max(peak_fds, now.total);
    open_row.Set("fds", now.total).Set("peak_fds", peak_fds).Set("peak_memfds", peak_memfds);
    open_row.Set("descendants", CountDescendants(-1).live);
  }

  RunScaleShellRows(driver, options, &shell);

  {
    // The browser is this process: its CPU time (every thread) over an idle
    // window, read with CLOCK_PROCESS_CPUTIME_ID right at the window's edges:
    // reading 500 renderers' /proc before and after is the benchmark's own
    // work (smaps_rollup walks page tables: ~0.25 s for 500), not the
    // browser's, and /proc's clock ticks are 10 ms coarse.
    auto renderers_cpu = [&] {
      double seconds = 0;
      for (browser::Tab* tab : tabs) seconds += browser::ReadProcessUsage(tab->pid()).cpu_seconds;
      return seconds;
    };
    auto process_cpu = [] { return CpuMicros(CLOCK_PROCESS_CPUTIME_ID) / 1e6; };
    const double renderers_before = renderers_cpu();
    const double browser_before = process_cpu();
    const auto start = Clock::now();
    driver.RunUntil([] { return false; }, idle_seconds);
    const double wall = MicrosSince(start) / 1e6;
    const double browser_cpu = process_cpu() - browser_before;
    const double renderer_cpu = renderers_cpu() - renderers_before;
    cpu_row.Set("window_s", wall)
        .Set("browser_cpu_percent", 100 * browser_cpu / wall)
        .Set("renderers_cpu_percent", 100 * renderer_cpu / wall)
        .Set("tabs", tab_count);
  }

  {
    Samples with_buffers, without_buffers, pss, memfd_shared, mapping_private;
    int mapping_buffers = 0;
    double buffers_resident_kib = 0;
    for (browser::Tab* tab : tabs) {
      const MemorySplit split = ReadMemorySplit(tab->pid());
      if (!split.exists) continue;
      with_buffers.Add(static_cast<double>(split.private_kib));
      without_buffers.Add(static_cast<double>(split.private_kib - split.memfd_private_kib));
      pss.Add(static_cast<double>(split.pss_kib));
      mapping_buffers += split.memfd_mappings > 0 ? 1 : 0;
      buffers_resident_kib += static_cast<double>(split.memfd_rss_kib);
      if (split.memfd_mappings > 0) {
        memfd_shared.Add(static_cast<double>(split.memfd_shared_kib));
        mapping_private.Add(static_cast<double>(split.private_kib));
      }
    }
    memory_row.Set("private_kib", with_buffers.Median())
        .Set("private_without_buffers_kib", without_buffers.Median())
        .Set("private_p99_kib", with_buffers.P99())
        .Set("pss_kib", pss.Median())
        .Set("renderers", static_cast<double>(with_buffers.size()))
        .Set("renderers_mapping_buffers", mapping_buffers)
        .Set("buffer_shared_kib_when_mapped", memfd_shared.Median())
        .Set("private_kib_when_mapped", mapping_private.Median())
        .Set("buffers_resident_kib_all_renderers", buffers_resident_kib);
    if (with_buffers.size() != tabs.size()) memory_row.error = "could not read every renderer's smaps";

    IdleFloor floor;
    const std::string idle_path = options.bin_dir + "/sandtab_bench_idle";
    for (int i = 0; i < 4; ++i) {
      const pid_t pid = StartIdle(idle_path);
      if (pid > 0) floor.pids.push_back(pid);
    }
    Samples idle_private, idle_pss;
    for (pid_t pid : floor.pids) {
      const MemorySplit split = ReadMemorySplit(pid);
      idle_private.Add(static_cast<double>(split.private_kib));
      idle_pss.Add(static_cast<double>(split.pss_kib));
    }
    if (floor.pids.empty()) floor_row.error = "could not start " + idle_path;
    floor_row.Set("private_kib", idle_private.Median()).Set("pss_kib", idle_pss.Median());

    const MemorySplit own = ReadMemorySplit(::getpid());
    const browser::FdCounts now = browser::CountOwnFds();
    buffers_row.Set("tabs", tab_count)
        .Set("surfaces_held", browser.tabs().SurfacesHeld())
        .Set("max_surfaces", max_surfaces)
        .Set("memfds", now.memfds)
        .Set("memfd_mappings", own.memfd_mappings)
        .Set("mapped_buffer_kib", static_cast<double>(own.memfd_rss_kib))
        // The browser is this process (the bench's own few allocations
        // included): its memory besides the surfaces it maps.
        .Set("browser_private_kib", static_cast<double>(own.private_kib - own.memfd_private_kib))
        .Set("browser_pss_kib", static_cast<double>(own.pss_kib))
        .Set("all_held_memfds", 2.0 * tab_count)
        .Set("all_held_kib",
             2.0 * tab_count * browser.config().window_width * browser.config().window_height * 4 / 1024);
  }

  // 4. Faults: distinct random renderers crash (about:crash: a SIGSEGV),
  // one every few ms, while everything else stays open.
  {
    std::mt19937 random(20261125);
    std::vector<int> order(tabs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::shuffle(order.begin(), order.end(), random);
    order.resize(static_cast<size_t>(crash_count));
    std::set<int> crashed(order.begin(), order.end());
    std::vector<pid_t> pids_before(tabs.size());
    std::vector<uint64_t> frames_before(tabs.size());
    for (size_t i = 0; i < tabs.size(); ++i) {
      pids_before[i] = tabs[i]->pid();
      frames_before[i] = tabs[i]->sink().frames_presented();
    }
    std::map<int, Clock::time_point> sent;
    Samples recovery;
    const auto start = Clock::now();
    for (int index : order) {
      sent[index] = Clock::now();
      tabs[index]->RunDebugUrl("about:crash");
      driver.RunUntil([] { return false; }, 0.01);
    }
    std::set<int> waiting = crashed;
    driver.RunUntil(
        [&] {
          for (auto it = waiting.begin(); it != waiting.end();) {
            browser::Tab* tab = tabs[*it];
            if (tab->pid() > 0 && tab->pid() != pids_before[*it] && tab->state() == browser::TabState::kLoaded &&
                tab->sink().frames_presented() > frames_before[*it]) {
              recovery.Add(MicrosSince(sent[*it]));
              it = waiting.erase(it);
            } else {
              ++it;
            }
          }
          return waiting.empty();
        },
        120);
    const double seconds = MicrosSince(start) / 1e6;
    int untouched = 0, bystanders = 0, crashes_counted = 0;
    for (size_t i = 0; i < tabs.size(); ++i) {
      if (crashed.count(static_cast<int>(i))) {
        crashes_counted += tabs[i]->crashes();
        continue;
      }
      ++bystanders;
      untouched +=
          tabs[i]->pid() == pids_before[i] && tabs[i]->crashes() == 0 && tabs[i]->state() == browser::TabState::kLoaded;
    }
    faults_row.Set("crashes", crash_count)
        .Set("recovered", static_cast<double>(recovery.size()))
        .Set("crashes_recorded", crashes_counted)
        .Set("bystanders_untouched", untouched)
        .Set("bystanders", bystanders)
        .Set("seconds", seconds)
        .SetSamples("recovery_", recovery);
    if (!waiting.empty()) {
      browser::Tab* tab = tabs[*waiting.begin()];
      faults_row.error = std::to_string(waiting.size()) + " crashed tabs not recovered within 120 s (e.g. tab " +
                         std::to_string(tab->id()) + ": " + browser::TabStateName(tab->state()) + ", " +
                         tab->restart_decision() + ")";
    } else if (untouched != bystanders) {
      faults_row.error = std::to_string(bystanders - untouched) + " tabs that were not crashed lost their renderer";
    }
  }

  // 5. Close everything; the renderers must go, and everything they held.
  {
    std::vector<pid_t> pids;
    for (browser::Tab* tab : tabs) pids.push_back(tab->pid());
    const auto start = Clock::now();
    browser.tabs().CloseAll();
    tabs.clear();
    const bool gone = driver.RunUntil(
        [&] {
          // Reaped, by the browser or reported by the zygote.
          if (browser.processes().live_children() > 0) return false;
          for (pid_t pid : pids) {
            if (pid > 0 && ::kill(pid, 0) == 0) return false;
          }
          return true;
        },
        60);
    const double seconds = MicrosSince(start) / 1e6;
    driver.RunUntil([] { return false; }, 0.5);  // late closes and reaps
    const browser::FdCounts after = browser::CountOwnFds();
    const Descendants descendants = CountDescendants(browser.processes().zygote_pid());
    residue_row.Set("close_seconds", seconds)
        .Set("fds", after.total)
        .Set("baseline_fds", baseline.total)
        .Set("memfds", after.memfds)
        .Set("baseline_memfds", baseline.memfds)
        .Set("zombies", descendants.zombies)
        .Set("live_descendants", descendants.live)
        .Set("live_children", static_cast<double>(browser.processes().live_children()));
    if (!gone) {
      residue_row.error = "renderers still alive 60 s after closing every tab";
    } else if (descendants.zombies || descendants.live || after.total != baseline.total ||
               after.memfds != baseline.memfds) {
      residue_row.error = "residue after closing every tab: " + std::to_string(descendants.zombies) + " zombies, " +
                          std::to_string(descendants.live) + " live processes besides the zygote, fds " +
                          std::to_string(after.total) + " (baseline " + std::to_string(baseline.total) + "), memfds " +
                          std::to_string(after.memfds) + " (baseline " + std::to_string(baseline.memfds) + ")";
    }
  }
  return all_rows();
}

}  // namespace sandtab::bench
