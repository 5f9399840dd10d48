// Memory per renderer after loading a page, against idle processes linked
// with the same libraries (sandtab_bench_idle), measured side by side so
// shared library pages are split among the same number of processes.
#include "bench/e2e_driver.h"
#include "bench/e2e_proc_facts.h"
#include "browser/process/process_stats.h"

namespace sandtab::bench {
namespace {

void SetMemory(Row& row, const Samples& pss, const Samples& private_kib) {
  row.Set("pss_kib", pss.Median());
  row.Set("private_kib", private_kib.Median());
  row.Set("processes", static_cast<double>(pss.size()));
}

}  // namespace

std::vector<Row> RunMemoryRows(const E2eOptions& options) {
  const int processes = options.Count(4, 1);
  Row renderer_row{"memory/renderer"};
  Row idle_row{"memory/idle"};
  Row fonts_row{"memory/idle_fonts"};

  BrowserDriver driver(options, {.sandbox = true});
  std::vector<browser::Tab*> tabs;
  for (int i = 0; i < processes && renderer_row.error.empty(); ++i) {
    browser::Tab* tab = driver.Open("index.html", &renderer_row.error);
    if (tab && !driver.WaitPainted(tab, 20)) renderer_row.error = "index.html not painted within 20 s";
    if (tab) tabs.push_back(tab);
  }
  const std::string idle_path = options.bin_dir + "/sandtab_bench_idle";
  IdleFloor idle, fonts;
  for (int i = 0; i < processes; ++i) {
    if (const pid_t pid = StartIdle(idle_path); pid > 0) idle.pids.push_back(pid);
    if (const pid_t pid = StartIdle(idle_path, /*fonts=*/true); pid > 0) fonts.pids.push_back(pid);
  }
  driver.RunUntil([] { return false; }, options.smoke ? 0.05 : 0.3);  // let every frame settle

  Samples pss, private_kib;
  for (browser::Tab* tab : tabs) {
    browser::ProcessUsage usage = browser::ReadProcessUsage(tab->pid());
    if (!usage.exists) continue;
    pss.Add(static_cast<double>(usage.pss_kib));
    private_kib.Add(static_cast<double>(usage.private_kib));
  }
  if (renderer_row.error.empty() && pss.size() == 0) renderer_row.error = "no renderer to measure";
  SetMemory(renderer_row, pss, private_kib);
  for (auto [row, group] : {std::pair{&idle_row, &idle}, std::pair{&fonts_row, &fonts}}) {
    Samples group_pss, group_private;
    for (const pid_t pid : group->pids) {
      browser::ProcessUsage usage = browser::ReadProcessUsage(pid);
      if (!usage.exists) continue;
      group_pss.Add(static_cast<double>(usage.pss_kib));
      group_private.Add(static_cast<double>(usage.private_kib));
    }
    if (group_pss.size() == 0) row->error = "could not start " + idle_path;
    SetMemory(*row, group_pss, group_private);
  }
  for (browser::Tab* tab : tabs) driver.CloseAndReap(tab);
  return {renderer_row, idle_row, fonts_row};
}

}  // namespace sandtab::bench
