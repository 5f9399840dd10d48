// Opening a tab: the floor (a bare fork+exec), the cost of each sandbox layer
// around a tiny program, and a real tab from open to its first painted frame,
// sandboxed and not.
#include <fcntl.h>
#include <sys/wait.h>

#include <signal.h>
#include <unistd.h>

#include "bench/e2e_driver.h"
#include "bench/e2e_proc_facts.h"
#include "sandbox/launcher.h"
#include "sandbox/seccomp_policy.h"

namespace sandtab::bench {
namespace {

constexpr char kTinyProgram[] = "sandtab_bench_true";

// sandbox::Launch of the tiny program until it has exited (reaped).
double LaunchWaitMicros(const sandbox::LaunchOptions& options, std::string* error) {
  const auto start = Clock::now();
  Result<pid_t> launched = sandbox::Launch(options);
  if (!launched) {
    *error = "Launch: " + launched.error();
    return -1;
  }
  int status = 0;
  while (::waitpid(*launched, &status, 0) < 0) {
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

// fork + exec of sandtab_bench_idle [--fonts] until it says it is ready (its
// libraries loaded, and its fonts with --fonts): where a renderer's start-up
// goes before it touches a page. Killed and reaped after, untimed.
double IdleReadyMicros(const std::string& path, bool fonts) {
  const auto start = Clock::now();
  const pid_t pid = StartIdle(path, fonts);
  const double micros = MicrosSince(start);
  if (pid < 0) return -1;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return micros;
}

// Compiling and loading the renderer's seccomp filter (most of layer 2),
// timed inside a throwaway forked child that reports through a pipe.
double SeccompLoadMicros() {
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(report[0]);
    const auto start = Clock::now();
    const int error = sandbox::LoadSeccompPolicy(sandbox::Profile::kRenderer);
    double micros = error == 0 ? MicrosSince(start) : -1;
    ::_exit(::write(report[1], &micros, sizeof(micros)) == sizeof(micros) ? 0 : 1);
  }
  ::close(report[1]);
  double micros = -1;
  if (pid < 0 || ::read(report[0], &micros, sizeof(micros)) != sizeof(micros)) micros = -1;
  ::close(report[0]);
  if (pid > 0) ::waitpid(pid, nullptr, 0);
  return micros;
}

// `count` samples of `measure` after `warmup` discarded ones.
Row Measure(const char* name, int warmup, int count, const std::string& what, const std::function<double()>& measure) {
  Row row{name};
  Samples samples;
  for (int i = 0; i < warmup + count; ++i) {
    const double micros = measure();
    if (micros < 0) {
      row.error = what + " failed";
      break;
    }
    if (i >= warmup) samples.Add(micros);
  }
  row.SetSamples("", samples);
  return row;
}

}  // namespace

std::vector<Row> RunLaunchRows(const E2eOptions& options) {
  const std::string tiny = options.bin_dir + "/" + kTinyProgram;
  const int count = options.Count(200, 2);
  const int warmup = options.Count(5, 1);
  std::vector<Row> rows;

  rows.push_back(Measure("launch/fork_exec", warmup, count, "fork+exec+waitpid of " + tiny,
                         [&] { return ForkExecWaitMicros(tiny); }));
  // Where a renderer's own start-up goes (no sandbox, no page).
  const std::string idle = options.bin_dir + "/sandtab_bench_idle";
  const int startup_count = options.Count(30, 1);
  rows.push_back(
      Measure("launch/idle_ready", warmup, startup_count, idle, [&] { return IdleReadyMicros(idle, false); }));
  rows.push_back(Measure("launch/idle_fonts_ready", warmup, startup_count, idle + " --fonts",
                         [&] { return IdleReadyMicros(idle, true); }));
  rows.push_back(
      Measure("launch/seccomp_load", warmup, startup_count, "LoadSeccompPolicy(renderer)", SeccompLoadMicros));

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

// The three ways a renderer starts, each in its own Browser: forked from the
// zygote and sandboxed (the default), a cold fork + exec sandboxed
// (--no-zygote), and a cold one without the sandbox (--no-sandbox).
const std::vector<LaunchVariant>& LaunchVariants() {
  static const std::vector<LaunchVariant> variants = {
      {"zygote", "zygote-forked, sandboxed (default)", {.sandbox = true, .zygote = true}},
      {"zygote_spare",
       "a spare renderer ready (--spare-renderer), zygote behind it",
       {.sandbox = true, .zygote = true, .spare_renderer = true}},
      {"cold_sandboxed", "cold fork+exec, sandboxed (--no-zygote)", {.sandbox = true, .zygote = false}},
      {"cold_unsandboxed", "cold fork+exec, --no-sandbox", {.sandbox = false, .zygote = false}},
  };
  return variants;
}

// open -> renderer ready (the handshake done: OnRendererReady commits the
// navigation, so the tab leaves `launching`) and open -> first painted frame
// of simple.html; the tab is closed and its renderer reaped between samples.
// With a spare renderer, one other tab stays open (a spare waits only while
// tabs are open: a new tab in an open window) and each sample starts 0.25 s
// after the spare is ready again.
namespace {

// One cold open (fork + exec, fonts loaded, handshake, first frame) and its
// close: microseconds to ready and to the first frame, or false.
bool OpenColdOnce(BrowserDriver& driver, double* ready_micros, double* painted_micros, std::string* error) {
  const auto start = Clock::now();
  browser::Tab* tab = driver.Open("simple.html", error);
  if (!tab) return false;
  if (!driver.RunUntil([tab] { return tab->state() != browser::TabState::kLaunching; }, 10)) {
    *error = "renderer not ready within 10 s";
    return false;
  }
  *ready_micros = MicrosSince(start);
  if (!driver.WaitPainted(tab, 10)) {
    *error = "simple.html not painted within 10 s";
    return false;
  }
  *painted_micros = MicrosSince(start);
  driver.CloseAndReap(tab);
  return true;
}

// The sandbox's cost to a cold open, paired: a sandboxed and an unsandboxed
// cold open back to back, by two browsers alive side by side, and the
// median of the differences of each pair. The separate cold rows are ~40-50
// ms each, most of it loading fonts, and this machine's speed drifts between
// rows: their difference read +10.7, -11.6 and +2.1 ms in three runs.
Row RunSandboxCostRow(const E2eOptions& options) {
  Row row{"open/sandbox_cost_paired"};
  const int count = options.Count(30, 2), warmup = options.Count(2, 1);
  BrowserDriver sandboxed(options, {.sandbox = true, .zygote = false});
  BrowserDriver unsandboxed(options, {.sandbox = false, .zygote = false});
  Samples added_painted, added_ready, with_sandbox, without_sandbox;
  for (int i = 0; i < warmup + count && row.error.empty(); ++i) {
    double ready_with = 0, painted_with = 0, ready_without = 0, painted_without = 0;
    // Which goes first alternates, so neither always follows the other.
    BrowserDriver* first = i % 2 ? &unsandboxed : &sandboxed;
    BrowserDriver* second = i % 2 ? &sandboxed : &unsandboxed;
    double* first_ready = i % 2 ? &ready_without : &ready_with;
    double* first_painted = i % 2 ? &painted_without : &painted_with;
    double* second_ready = i % 2 ? &ready_with : &ready_without;
    double* second_painted = i % 2 ? &painted_with : &painted_without;
    if (!OpenColdOnce(*first, first_ready, first_painted, &row.error) ||
        !OpenColdOnce(*second, second_ready, second_painted, &row.error)) {
      break;
    }
    if (i < warmup) continue;
    added_painted.Add(painted_with - painted_without);
    added_ready.Add(ready_with - ready_without);
    with_sandbox.Add(painted_with);
    without_sandbox.Add(painted_without);
  }
  // Medians of signed differences: SetSamples' names, not necessarily > 0.
  row.SetSamples("added_", added_painted);
  row.SetSamples("added_ready_", added_ready);
  row.SetSamples("sandboxed_", with_sandbox);
  row.SetSamples("unsandboxed_", without_sandbox);
  return row;
}

}  // namespace

std::vector<Row> RunOpenRows(const E2eOptions& options) {
  std::vector<Row> rows;
  for (const LaunchVariant& variant : LaunchVariants()) {
    const int count = options.Count(variant.settings.spare_renderer ? 30 : 40, 2);
    const int warmup = options.Count(3, 1);
    Row row{std::string("open/") + variant.name};
    Samples ready, painted, floor, faults;
    BrowserDriver driver(options, variant.settings);
    if (!driver.WaitZygoteReady(10)) row.error = "the zygote did not say hello within 10 s";
    if (row.error.empty() && variant.settings.spare_renderer) {
      browser::Tab* keeper = driver.Open("simple.html", &row.error);
      if (keeper && !driver.WaitPainted(keeper, 10)) row.error = "the tab kept open was not painted within 10 s";
    }
    for (int i = 0; i < warmup + count && row.error.empty(); ++i) {
      if (!driver.WaitSpareReady(10)) {
        row.error = "the spare renderer was not ready within 10 s";
        break;
      }
      if (i >= warmup) AddFloorSample(options, &floor);
      const auto start = Clock::now();
      browser::Tab* tab = driver.Open("simple.html", &row.error);
      if (!tab) break;
      if (!driver.RunUntil([tab] { return tab->state() != browser::TabState::kLaunching; }, 10)) {
        row.error = "renderer not ready within 10 s";
        break;
      }
      const double ready_micros = MicrosSince(start);
      if (!driver.WaitPainted(tab, 10)) {
        row.error =
            "simple.html not painted within 10 s (state " + std::string(browser::TabStateName(tab->state())) + ")";
        break;
      }
      const double micros = MicrosSince(start);
      if (i >= warmup) {
        ready.Add(ready_micros);
        painted.Add(micros);
        // What the new renderer paid in page faults from its start (a fork,
        // or an exec) to its first frame; a spare's include its warm-up.
        if (const int64_t minflt = ReadMinorFaults(tab->pid()); minflt >= 0) faults.Add(static_cast<double>(minflt));
      }
      driver.CloseAndReap(tab);
    }
    row.SetSamples("", painted);
    row.SetSamples("ready_", ready);
    row.SetSamples("floor_", floor);
    if (faults.size() > 0) row.Set("first_frame_faults", faults.Median());
    rows.push_back(row);
  }
  rows.push_back(RunSandboxCostRow(options));
  return rows;
}

}  // namespace sandtab::bench
