// What the scale run reads from /proc about its own processes: a
// renderer's memory split into pixel buffers and the rest, the processes
// below the browser, and idle floor processes to compare renderers with.
#ifndef SANDTAB_BENCH_E2E_PROC_FACTS_H_
#define SANDTAB_BENCH_E2E_PROC_FACTS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sandtab::bench {

// /proc/PID/smaps summed over the pixel-buffer mappings (/memfd:) and over
// everything else. Kibibytes.
struct MemorySplit {
  bool exists = false;
  uint64_t private_kib = 0;        // Private_Clean + Private_Dirty, all mappings
  uint64_t memfd_private_kib = 0;  // ... of /memfd: mappings only
  uint64_t memfd_shared_kib = 0;   // Shared_Clean + Shared_Dirty of /memfd: mappings
  uint64_t memfd_rss_kib = 0;      // resident /memfd: pages, shared or not
  uint64_t pss_kib = 0;
  int memfd_mappings = 0;
};

MemorySplit ReadMemorySplit(pid_t pid);

// Minor page faults of `pid` since it started (a forked child starts at
// 0), from /proc/PID/stat; -1 when it cannot be read.
int64_t ReadMinorFaults(pid_t pid);

// Processes below this one (children, grandchildren, ...), other than
// `except` itself (the zygote). And the zombies among them.
struct Descendants {
  int live = 0;
  int zombies = 0;
};
Descendants CountDescendants(pid_t except);

// Idle floor processes, killed and reaped when this goes.
struct IdleFloor {
  std::vector<pid_t> pids;
  ~IdleFloor();
};

// sandtab_bench_idle [--fonts], started and waited for (bounded) until it
// says ready; its pid, or -1.
pid_t StartIdle(const std::string& path, bool fonts = false);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_E2E_PROC_FACTS_H_
