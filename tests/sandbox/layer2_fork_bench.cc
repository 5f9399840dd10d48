// Not a test: measures fork -> layer 2's filter engaged in a zygote-like
// child, compiled in the child (LoadSeccompPolicy) against prepared before
// the fork (LoadPreparedSeccompPolicy). The child runs the steps of
// EngageLayer2 that need no sandbox around it (not dumpable, SIGSYS
// reporter, filter; chroot and capset need layer 1's namespaces).
//   sandbox_layer2_fork_bench [samples]
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sandbox/prepared_layer2.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/sigsys_reporter.h"

using namespace sandtab::sandbox;

namespace {

long long NowNs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000000000LL + now.tv_nsec;
}

// Nanoseconds from just before fork() to the filter loaded in the child.
long long OneSample(const PreparedLayer2* prepared) {
  int report[2];
  if (pipe(report) != 0) std::abort();
  long long start = NowNs();
  pid_t child = fork();
  if (child == 0) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    int rc = InstallSigsysReporter();
    if (rc == 0) rc = prepared ? LoadPreparedSeccompPolicy(*prepared) : LoadSeccompPolicy(Profile::kRenderer);
    long long took = rc == 0 ? NowNs() - start : -1;
    (void)!write(report[1], &took, sizeof(took));
    _exit(0);
  }
  long long took = -1;
  (void)!read(report[0], &took, sizeof(took));
  waitpid(child, nullptr, 0);
  close(report[0]);
  close(report[1]);
  return took;
}

void Report(const char* name, std::vector<long long> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) { return samples[static_cast<size_t>(q * (samples.size() - 1))] / 1000.0; };
  std::printf("%-34s n=%zu  p10 %7.1f us  median %7.1f us  p90 %7.1f us\n", name, samples.size(), at(0.1), at(0.5),
              at(0.9));
}

}  // namespace

int main(int argc, char** argv) {
  int samples = argc > 1 ? std::atoi(argv[1]) : 200;
  // Before: each child fills the SIGSYS name table and compiles. First,
  // while this process has prepared nothing (PrepareLayer2 fills the
  // table, which every later child would inherit).
  std::vector<long long> compiled, ready;
  for (int i = 0; i < samples; ++i) {
    compiled.push_back(OneSample(nullptr));
    if (compiled.back() < 0) {
      std::fprintf(stderr, "a child failed to load its filter\n");
      return 1;
    }
  }
  long long prepare_start = NowNs();
  PreparedLayer2 prepared = PrepareLayer2(Profile::kRenderer);
  long long prepare_took = NowNs() - prepare_start;
  if (prepared.error != 0) {
    std::fprintf(stderr, "PrepareLayer2 failed: %d\n", prepared.error);
    return 1;
  }
  std::printf("PrepareLayer2 (once, in the zygote): %.1f us, %zu instructions, %zu patched\n", prepare_took / 1000.0,
              prepared.program.size(), prepared.placeholder_positions.size());
  for (int i = 0; i < samples; ++i) {
    ready.push_back(OneSample(&prepared));
    if (ready.back() < 0) {
      std::fprintf(stderr, "a child failed to load its filter\n");
      return 1;
    }
  }
  Report("fork -> filter, compiled in child", compiled);
  Report("fork -> filter, prepared", ready);
  return 0;
}
