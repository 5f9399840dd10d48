#ifndef SANDTAB_BENCH_BENCH_PEER_H_
#define SANDTAB_BENCH_BENCH_PEER_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "base/unique_fd.h"

namespace sandtab::bench {

// Where the two processes of a measurement run. On 2-vCPU VMs a cross-core
// wake-up costs ~14-30 us and unpinned runs are bimodal, so by default both
// are pinned to CPU 0 (DESIGN section 9).
enum class Placement { kSameCore, kCrossCore, kUnpinned };

void SetPlacement(Placement placement);
Placement placement();
// "both processes pinned to CPU 0", for the table's header.
std::string DescribePlacement();
// Pins the calling process as the measuring side of the current placement.
bool PinMeasuringProcess();

// A forked peer process. Fork after setup: the child runs `body`, writes the
// string it returns to a pipe the parent reads in Finish(), and _exits
// without returning into the benchmark library. Create every epoll or
// io_context after the fork, never before: an epoll fd is shared across it.
class PeerProcess {
 public:
  static PeerProcess Start(const std::function<std::string()>& body);
  PeerProcess(PeerProcess&& other) noexcept;
  ~PeerProcess();

  // Waits for the child to exit and returns what it reported ("" if it died);
  // one that has not exited after 10 s is killed ("error=...").
  std::string Finish();

 private:
  PeerProcess(pid_t pid, UniqueFd report);
  pid_t pid_ = -1;
  UniqueFd report_;
};

// Per-iteration round-trip times, for p50/p99.
class Latencies {
 public:
  explicit Latencies(size_t expected) { nanos_.reserve(expected); }
  void Add(double nanos) { nanos_.push_back(nanos); }
  // The q-th quantile in microseconds (q in [0, 1]), 0 when empty.
  double QuantileMicros(double q);

 private:
  std::vector<double> nanos_;
};

// Allocations per unit of work, formatted for a peer's report:
// "allocs_per_frame=0.00".
std::string AllocationReport(uint64_t allocations, uint64_t frames);
// Parses a number out of such a report; -1 when absent.
double ReportValue(const std::string& report, const std::string& key);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_BENCH_PEER_H_
