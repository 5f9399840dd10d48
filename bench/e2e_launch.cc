// Opening a tab: the floor (a bare fork+exec), the cost of each sandbox layer
// around a tiny program, and a real tab from open to its first painted frame,
// sandboxed and not.
#include <sys/wait.h>

#include "bench/e2e_driver.h"
#include "sandbox/launcher.h"

namespace sandtab::bench {
namespace {

constexpr char kTinyProgram[] = "sandtab_bench_true";

// sandbox::Launch of the tiny program until it has exited (reaped).
double LaunchWaitMicros(const sandbox::LaunchOptions& options, std::string* error) {
  const auto start = Clock::now();
  sandbox::LaunchResult launched = sandbox::Launch(options);
  if (launched.pid < 0) {
    *error = "Launch: " + launched.error;
    return -1;
  }
  int status = 0;
  while (::waitpid(launched.pid, &status, 0) < 0) {
    if (errno != EINTR) {
      *error = "waitpid failed";
      return -1;
    }
  }
  const double micros = MicrosSince(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = "the tiny program ended with wait status " + std::to_string(status);
    return -1;
  }
  return micros;
}

}  // namespace

std::vector<Row> RunLaunchRows(const E2eOptions& options) {
  const std::string tiny = options.bin_dir + "/" + kTinyProgram;
  const int count = options.Count(200, 2);
  const int warmup = options.Count(5, 1);
  std::vector<Row> rows;

  Row floor{"launch/fork_exec"};
  Samples floor_samples;
  for (int i = 0; i < warmup + count && floor.error.empty(); ++i) {
    double micros = ForkExecWaitMicros(tiny);
    if (micros < 0) floor.error = "fork+exec+waitpid of " + tiny + " failed";
    if (i >= warmup) floor_samples.Add(micros);
  }
  floor.SetSamples("", floor_samples);
  rows.push_back(floor);

  // The same program through the sandbox's launcher: no sandbox, layer 1,
  // layers 1 + 2 (layer 2 engaged before main() by the LD_PRELOAD helper, as
  // sandtab-exec does). Interleaved so drift hits every variant alike.
  struct Variant {
    const char* name;
    bool sandboxed;
    bool layer2;
    Samples samples;
    std::string error;
  };
  Variant variants[] = {{"launch/no_sandbox", false, false, {}, {}},
                        {"launch/layer1", true, false, {}, {}},
                        {"launch/layer1_2", true, true, {}, {}}};
  for (int i = 0; i < warmup + count; ++i) {
    for (Variant& variant : variants) {
      if (!variant.error.empty()) continue;
      sandbox::LaunchOptions launch;
      launch.profile = sandbox::Profile::kRenderer;
      launch.argv = {tiny};
      launch.sandboxed = variant.sandboxed;
      launch.layer2_before_main = variant.layer2;
      double micros = LaunchWaitMicros(launch, &variant.error);
      if (micros >= 0 && i >= warmup) variant.samples.Add(micros);
    }
  }
  for (Variant& variant : variants) {
    Row row{variant.name};
    row.error = variant.error;
    row.SetSamples("", variant.samples);
    rows.push_back(row);
  }
  return rows;
}

std::vector<Row> RunOpenRows(const E2eOptions& options) {
  const int count = options.Count(40, 2);
  const int warmup = options.Count(3, 1);
  std::vector<Row> rows;
  for (bool sandbox : {true, false}) {
    Row row{sandbox ? "open/sandboxed" : "open/unsandboxed"};
    Samples samples;
    BrowserDriver driver(options, {.sandbox = sandbox});
    for (int i = 0; i < warmup + count && row.error.empty(); ++i) {
      const auto start = Clock::now();
      browser::Tab* tab = driver.Open("simple.html", &row.error);
      if (!tab) break;
      if (!driver.WaitPainted(tab, 10)) {
        row.error = "simple.html not painted within 10 s (state " +
                    std::string(browser::TabStateName(tab->state())) + ")";
        break;
      }
      const double micros = MicrosSince(start);
      if (i >= warmup) samples.Add(micros);
      driver.CloseAndReap(tab);
    }
    row.SetSamples("", samples);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace sandtab::bench
