// Memory per renderer after loading a page, against idle processes linked
// with the same libraries (sandtab_bench_idle), measured side by side so
// shared library pages are split among the same number of processes; and a
// simple page with and without one inline script, side by side too.
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

// Renderers with `file` loaded, all alive at once, measured after their frames settle.
class RendererGroup {
 public:
  RendererGroup(BrowserDriver& driver, const std::string& file, int count, Row* row) : driver_(driver) {
    for (int i = 0; i < count && row->error.empty(); ++i) {
      browser::Tab* tab = driver.Open(file, &row->error);
      if (tab && !driver.WaitPainted(tab, 20)) row->error = file + " not painted within 20 s";
      if (tab) tabs_.push_back(tab);
    }
  }
  ~RendererGroup() {
    for (browser::Tab* tab : tabs_) driver_.CloseAndReap(tab);
  }
  void Measure(Row* row) const {
    Samples pss, private_kib;
    for (browser::Tab* tab : tabs_) {
      browser::ProcessUsage usage = browser::ReadProcessUsage(tab->pid());
      if (!usage.exists) continue;
      pss.Add(static_cast<double>(usage.pss_kib));
      private_kib.Add(static_cast<double>(usage.private_kib));
    }
    if (row->error.empty() && pss.size() == 0) row->error = "no renderer to measure";
    SetMemory(*row, pss, private_kib);
  }

 private:
  BrowserDriver& driver_;
  std::vector<browser::Tab*> tabs_;
};

}  // namespace

std::vector<Row> RunMemoryRows(const E2eOptions& options) {
  const int processes = options.Count(4, 1);
  Row renderer_row{"memory/renderer"};
  // A scripted page (DESIGN section 13): the same simple document with one
  // inline script, so the difference is the context, its heap and the DOM.
  Row simple_row{"memory/renderer_simple"};
  Row scripted_row{"memory/renderer_scripted"};
  Row idle_row{"memory/idle"};
  Row fonts_row{"memory/idle_fonts"};

  BrowserDriver driver(options, {.sandbox = true});
  RendererGroup index(driver, "index.html", processes, &renderer_row);
  RendererGroup simple(driver, "simple.html", processes, &simple_row);
  RendererGroup scripted(driver, "scripted.html", processes, &scripted_row);
  const std::string idle_path = options.bin_dir + "/sandtab_bench_idle";
  IdleFloor idle, fonts;
  for (int i = 0; i < processes; ++i) {
    if (const pid_t pid = StartIdle(idle_path); pid > 0) idle.pids.push_back(pid);
    if (const pid_t pid = StartIdle(idle_path, /*fonts=*/true); pid > 0) fonts.pids.push_back(pid);
  }
  driver.RunUntil([] { return false; }, options.smoke ? 0.05 : 0.3);  // let every frame settle

  index.Measure(&renderer_row);
  simple.Measure(&simple_row);
  scripted.Measure(&scripted_row);
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
  return {renderer_row, simple_row, scripted_row, idle_row, fonts_row};
}

}  // namespace sandtab::bench
