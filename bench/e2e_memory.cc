// Memory per renderer after loading a page, against idle processes linked
// with the same libraries (sandtab_bench_idle), measured side by side so
// shared library pages are split among the same number of processes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/e2e_driver.h"
#include "browser/process_stats.h"

namespace sandtab::bench {
namespace {

struct IdleProcess {
  pid_t pid = -1;
};

// Starts sandtab_bench_idle [--fonts] and waits (bounded) for its "ready".
IdleProcess StartIdle(const std::string& path, bool fonts) {
  int ready[2];
  if (::pipe(ready) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(ready[1], 1);
    ::close(ready[0]);
    ::close(ready[1]);
    const char* argv[] = {path.c_str(), fonts ? "--fonts" : nullptr, nullptr};
    ::execv(path.c_str(), const_cast<char**>(argv));
    ::_exit(127);
  }
  ::close(ready[1]);
  char byte = 0;
  // Fonts take well under a second; SIGALRM-free bound: poll the pipe.
  fd_set set;
  FD_ZERO(&set);
  FD_SET(ready[0], &set);
  timeval timeout{10, 0};
  const bool ok = pid > 0 && ::select(ready[0] + 1, &set, nullptr, nullptr, &timeout) == 1 &&
                  ::read(ready[0], &byte, 1) == 1;
  ::close(ready[0]);
  if (!ok && pid > 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return {};
  }
  return {pid};
}

void Stop(IdleProcess& process) {
  if (process.pid <= 0) return;
  ::kill(process.pid, SIGKILL);
  ::waitpid(process.pid, nullptr, 0);
  process.pid = -1;
}

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
  std::vector<IdleProcess> idle, fonts;
  for (int i = 0; i < processes; ++i) {
    idle.push_back(StartIdle(idle_path, false));
    fonts.push_back(StartIdle(idle_path, true));
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
    for (IdleProcess& process : *group) {
      browser::ProcessUsage usage = process.pid > 0 ? browser::ReadProcessUsage(process.pid) : browser::ProcessUsage{};
      if (!usage.exists) continue;
      group_pss.Add(static_cast<double>(usage.pss_kib));
      group_private.Add(static_cast<double>(usage.private_kib));
    }
    if (group_pss.size() == 0) row->error = "could not start " + idle_path;
    SetMemory(*row, group_pss, group_private);
    for (IdleProcess& process : *group) Stop(process);
  }
  for (browser::Tab* tab : tabs) driver.CloseAndReap(tab);
  return {renderer_row, idle_row, fonts_row};
}

}  // namespace sandtab::bench
