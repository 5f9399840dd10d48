// The machine's own tail: how often, and for how long, the measuring CPU is
// taken away from a loop that makes no system calls. Nothing of ours runs
// in it, so whatever stalls it would stall any round trip on this CPU too.
// On the VM this project was measured on, the host took the vCPU for
// ~37 us once every 1.0 ms (invisible in /proc/stat: no steal reported, and
// the guest's own timer ticks only every 4 ms): a round trip longer than
// ~10 us then meets one in over 1% of samples, so its p99 holds a stall
// whatever the channel does. The table sets the channel's p99 beside this.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#include "bench/bench_peer.h"

namespace sandtab::bench {
namespace {

using Clock = std::chrono::steady_clock;

// A gap between two consecutive clock reads longer than this is a stall (a
// clock read is ~30 ns here; an interrupt that is handled at all costs
// microseconds).
constexpr double kStallThresholdNanos = 5'000;
// Long enough to see hundreds of stalls at a 1 kHz cadence; longer than
// the bench's min time, so one iteration is taken.
constexpr std::chrono::milliseconds kScan{300};
// A machine stalled more often than this is reported as such; the arrays
// stay bounded.
constexpr size_t kMaxStalls = 100'000;

void BM_MachineStalls(benchmark::State& state) {
  Latencies lengths(kMaxStalls), intervals(kMaxStalls);
  double lost_nanos = 0, scanned_nanos = 0;
  uint64_t stalls = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto previous = start;
    auto previous_stall = start;
    bool seen_stall = false;
    while (previous - start < kScan && stalls < kMaxStalls) {
      const auto now = Clock::now();
      const double gap = std::chrono::duration<double, std::nano>(now - previous).count();
      if (gap > kStallThresholdNanos) {
        ++stalls;
        lost_nanos += gap;
        lengths.Add(gap);
        if (seen_stall) intervals.Add(std::chrono::duration<double, std::nano>(previous - previous_stall).count());
        previous_stall = previous;
        seen_stall = true;
      }
      previous = now;
    }
    scanned_nanos += std::chrono::duration<double, std::nano>(previous - start).count();
  }
  state.counters["stalls"] = static_cast<double>(stalls);
  state.counters["scanned_ms"] = scanned_nanos / 1e6;
  state.counters["lost_fraction"] = scanned_nanos > 0 ? lost_nanos / scanned_nanos : 0;
  state.counters["stall_p50_us"] = lengths.QuantileMicros(0.50);
  state.counters["interval_p50_us"] = intervals.QuantileMicros(0.50);
}

}  // namespace

BENCHMARK(BM_MachineStalls)->Name("round_trip/machine_stalls")->UseRealTime();

}  // namespace sandtab::bench
