// sandtab_e2e_bench's handle on a real, in-process Browser: its io_context
// is run one handler at a time until a predicate holds or a deadline passes
// (every wait is bounded), with real sandboxed renderer and plugin processes.
#ifndef SANDTAB_BENCH_E2E_DRIVER_H_
#define SANDTAB_BENCH_E2E_DRIVER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/e2e_stats.h"
#include "bench/forked_sampler.h"
#include "browser/browser.h"

namespace sandtab::bench {

class ZygoteFloorSampler;

struct E2eOptions {
  bool smoke = false;  // every row once or twice, no timing meaning
  // Takes zygote-floor samples on demand, so rows can interleave them with
  // their own (e2e_zygote_floor.cc); null when no row needs it.
  ZygoteFloorSampler* floor = nullptr;
  std::string bin_dir;       // build/bin: sandtab-renderer, sandtab-plugin, our helpers
  std::string content_root;  // a temporary copy of pages/ plus generated pages
  int scale_tabs = 500;      // the scale run (--scale-tabs=N; 10 in --smoke)
  int scale_crashes = 50;    // renderers crashed during it (--scale-crashes=N; 2 in --smoke)
  double idle_seconds = 10;  // the idle-CPU window of the scale run (1 in --smoke)
  // The scale run's page for every tab (--scale-page=FILE); empty: the built-in pages in turn.
  std::string scale_page;
  // How many samples a row takes (`full` normally, `smoke` in --smoke).
  int Count(int full, int smoke = 1) const { return this->smoke ? smoke : full; }
};

class BrowserDriver {
 public:
  struct Settings {
    bool sandbox = true;
    // Renderers forked from the zygote (the default), or each a cold
    // fork + exec (config.zygote = false). Only sandboxed renderers use it.
    bool zygote = true;
    // Background tabs beyond this many release their pixel buffers (LRU).
    int max_surfaces = 32;
    // Renderers come back at once after every crash, forever.
    bool restart_forever = false;
    // --spare-renderer: one warmed-up renderer waits for the next tab.
    bool spare_renderer = false;
  };
  BrowserDriver(const E2eOptions& options, Settings settings);
  ~BrowserDriver();

  browser::Browser& browser() { return *browser_; }
  std::string Url(const std::string& file) const { return "file://" + content_root_ + "/" + file; }

  // Runs the loop until `done()` or `seconds` pass; `done` is checked after
  // every handler. False on timeout.
  bool RunUntil(const std::function<bool()>& done, double seconds);
  // Opens `file` of the content root; nullptr (and `error`) if it could not.
  browser::Tab* Open(const std::string& file, std::string* error);
  // Until the browser is ready to launch renderers (the zygote's hello), so
  // that no sample pays for the zygote's own start. True at once when cold.
  bool WaitZygoteReady(double seconds);
  bool WaitPainted(browser::Tab* tab, double seconds) {
    return RunUntil([tab] { return tab->painted(); }, seconds);
  }
  // Closes the tab and runs the loop until its processes are reaped (plugin
  // processes linger for their grace period and are not waited for).
  void CloseAndReap(browser::Tab* tab);
  // With a spare renderer: until it is ready, then `idle_seconds` more with
  // the loop running (a spare is rarely taken the moment it is ready; this
  // keeps the rows from measuring only that best case). True at once
  // without one.
  bool WaitSpareReady(double seconds, double idle_seconds = 0.25);

 private:
  std::string content_root_;
  std::unique_ptr<browser::Browser> browser_;
};

// One way of starting renderers, for the open and crash rows.
struct LaunchVariant {
  const char* name;   // row suffix: zygote, zygote_spare, cold_sandboxed, cold_unsandboxed
  const char* label;  // for people
  BrowserDriver::Settings settings;
};
const std::vector<LaunchVariant>& LaunchVariants();

// Sections of the run; each returns its rows (a failed row carries an error).
std::vector<Row> RunLaunchRows(const E2eOptions& options);
std::vector<Row> RunRenderRows(const E2eOptions& options);
std::vector<Row> RunOpenRows(const E2eOptions& options);
std::vector<Row> RunCrashRows(const E2eOptions& options);
std::vector<Row> RunPluginRows(const E2eOptions& options);
std::vector<Row> RunMemoryRows(const E2eOptions& options);
// Sites: a cross-site navigation beside a same-site one and a new tab (e2e_sites.cc).
std::vector<Row> RunSiteRows(const E2eOptions& options);
// The zygote's floor: fork of an initialised process + a seccomp filter.
std::vector<Row> RunZygoteFloorRows(const E2eOptions& options);

// A helper child, forked while this process is still small and initialised
// as the zygote is (fonts, protobuf descriptors, the renderer's filter
// compiled to BPF), that takes one floor sample whenever asked. The floor
// rows take theirs back to back; the open and crash rows also take one
// between their own samples, with the helper idle in between as the zygote
// is, and in the same state of the machine (on these VMs its speed drifts
// over a run: the floor row read 2.3 ms in one run and 3.4 ms in the next).
// The table's verdicts use the back-to-back floor, the stricter one.
class ZygoteFloorSampler {
 public:
  // kForkBpf is the floor; the last two measure a forked child's cost per page.
  enum Variant { kFork = 0, kForkBpf = 1, kForkCompile = 2, kForkReadPages = 3, kForkWritePages = 4 };
  static std::unique_ptr<ZygoteFloorSampler> Start(std::string* error);
  ~ZygoteFloorSampler();  // ends and reaps the helper
  ZygoteFloorSampler(const ZygoteFloorSampler&) = delete;
  ZygoteFloorSampler& operator=(const ZygoteFloorSampler&) = delete;

  // One sample in microseconds, or -1 (the helper failed or is gone).
  double Sample(Variant variant);
  size_t bpf_instructions() const { return bpf_instructions_; }

 private:
  ZygoteFloorSampler(std::unique_ptr<ForkedSampler> helper, size_t bpf_instructions)
      : helper_(std::move(helper)), bpf_instructions_(bpf_instructions) {}
  std::unique_ptr<ForkedSampler> helper_;
  size_t bpf_instructions_;
};

// The JavaScript rows (e2e_script.cc) and the pages they open, written into
// the content root: scripted.html and dom-heavy.html.
std::vector<Row> RunScriptRows(const E2eOptions& options);
void WriteScriptPages(const std::string& root);

// One floor sample into `samples`, when the run has a sampler.
void AddFloorSample(const E2eOptions& options, Samples* samples);
// The client's view through a real `sandtab --json` shell (e2e_client.cc).
std::vector<Row> RunClientRows(const E2eOptions& options);
// Hundreds of tabs at once, with crashes (e2e_scale.cc).
std::vector<Row> RunScaleRows(const E2eOptions& options);

// fork + exec + waitpid of `path` (no arguments) from this process: the
// floor. Microseconds, or -1 if it failed or exited non-zero.
double ForkExecWaitMicros(const std::string& path);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_E2E_DRIVER_H_
