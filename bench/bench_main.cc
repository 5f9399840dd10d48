// sandtab_bench: Google Benchmark's main plus the placement of the two
// processes of every measurement. bench/run.sh turns its JSON into the table.
//
//   sandtab_bench [--placement=same-core|cross-core|unpinned] [--benchmark_...]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_peer.h"
#include "bench/raw_ipc.h"

int main(int argc, char** argv) {
  using sandtab::bench::Placement;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strncmp(arg, "--placement=", 12) != 0) {
      rest.push_back(argv[i]);
      continue;
    }
    const std::string value = arg + 12;
    if (value == "same-core") {
      sandtab::bench::SetPlacement(Placement::kSameCore);
    } else if (value == "cross-core") {
      sandtab::bench::SetPlacement(Placement::kCrossCore);
    } else if (value == "unpinned") {
      sandtab::bench::SetPlacement(Placement::kUnpinned);
    } else {
      std::fprintf(stderr, "unknown --placement=%s (same-core, cross-core, unpinned)\n", value.c_str());
      return 2;
    }
  }
  if (!sandtab::bench::PinMeasuringProcess()) {
    std::perror("sched_setaffinity");
    return 1;
  }
  benchmark::AddCustomContext("placement", sandtab::bench::DescribePlacement());
  benchmark::AddCustomContext("msgmax", std::to_string(raw_msgq_max_bytes()));
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
