#ifndef SANDTAB_BROWSER_PROCESS_PROCESS_STATS_H_
#define SANDTAB_BROWSER_PROCESS_PROCESS_STATS_H_

#include <sys/types.h>

#include <cstdint>

namespace sandtab::browser {

// Facts read from /proc, for `ps` and `stats`: measured, never predicted.
struct ProcessUsage {
  bool exists = false;
  uint64_t rss_kib = 0;
  uint64_t pss_kib = 0;      // proportional set size (smaps_rollup)
  uint64_t private_kib = 0;  // private clean + dirty (smaps_rollup)
  double cpu_seconds = 0;    // user + system
  char state = '?';          // R, S, Z, ...
};
ProcessUsage ReadProcessUsage(pid_t pid);

struct FdCounts {
  int total = 0;
  int memfds = 0;  // links that read "/memfd:..."
};
FdCounts CountOwnFds();

// Entries in /dev/shm (the browser never creates any; counted so anyone can
// check nothing leaks there).
int CountDevShmEntries();
// System V shared memory segments on the machine (from /proc/sysvipc/shm).
int CountSysvShmSegments();
// Zombie children of this process.
int CountOwnZombies();

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_PROCESS_STATS_H_
