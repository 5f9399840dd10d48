#include "bench/script_sampler.h"

#include <cairo.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <chrono>

#include "bench/e2e_stats.h"
#include "renderer/page/font_set.h"
#include "renderer/page/page.h"
#include "renderer/page_scripts.h"
#include "renderer/script/js_engine.h"
#include "sandbox/prepared_layer2.h"

namespace sandtab::bench {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;

// PageScripts' delegate for a page with no renderer around it: it records
// load and whatever went wrong (a failed script makes the sample fail).
class RecordingDelegate : public renderer::PageScripts::Delegate {
 public:
  void OnConsoleLine(const script::ConsoleLine& line) override {
    if (line.level == "error") failure = line.text;
  }
  void OnFrameWanted() override {}
  void OnScriptFatal(const script::ScriptResult& result) override { failure = result.error; }
  void OnNavigationRequested(const std::string&) override {}
  void OnFetchWanted(uint64_t, const std::string& url, proto::FetchRequest::Kind, std::optional<std::string>) override {
    failure = "the benchmark's pages fetch nothing, yet " + url + " was asked for";
  }
  void OnLoaded() override { loaded = true; }

  bool loaded = false;
  std::string failure;
};

// The helper's state, made by its init (in the helper, never here).
struct HelperState {
  ScriptPages pages;
  std::unique_ptr<script::JsEngine> engine;
  sandbox::PreparedLayer2 prepared;
  cairo_surface_t* surface = nullptr;  // lives as long as the helper
};

double ProcessCpuMicros() { return CpuMicros(CLOCK_PROCESS_CPUTIME_ID); }

double MinorFaults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_minflt);
}

// PageScripts::Create of the scripted page, timed; the engine's threads are
// left as the renderer leaves them (started).
HelperSample CreateContext(HelperState& state) {
  boost::asio::io_context io;
  RecordingDelegate delegate;
  std::string error;
  HelperSample sample;
  const double faults = MinorFaults(), cpu = ProcessCpuMicros();
  const auto start = Clock::now();
  std::unique_ptr<renderer::PageScripts> scripts = renderer::PageScripts::Create(
      io, *state.engine, state.pages.scripted_html, "file:///scripted.html", 0, &delegate, &error);
  if (!scripts) return sample;
  sample.micros = MicrosSince(start);
  sample.cpu_micros = ProcessCpuMicros() - cpu;
  sample.minor_faults = MinorFaults() - faults;
  return sample;
}

// The renderer's filter, as a zygote's child loads it. Not under
// AddressSanitizer: its runtime's calls on a new thread (the engine's) are
// not in the renderer's policy, which the real renderers meet with the
// options of sandbox/sandboxed_sanitizer_options.cc; a sanitizer build
// measures nothing, its rows only have to run.
int LoadRendererFilter(const HelperState& state) {
#if defined(__SANITIZE_ADDRESS__)
  (void)state;
  return 0;
#else
  return sandbox::LoadPreparedSeccompPolicy(state.prepared);
#endif
}

HelperSample ForkFloor(const HelperState& state) {
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(LoadRendererFilter(state) == 0 ? 0 : 1);
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return {};
  const double micros = MicrosSince(start);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? HelperSample{micros} : HelperSample{};
}

HelperSample ContextInForkedChild(HelperState& state) {
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(report[0]);
    HelperSample sample;
    if (LoadRendererFilter(state) == 0) sample = CreateContext(state);
    // _exit at once: the page's teardown is no part of the row.
    ::_exit(::write(report[1], &sample, sizeof(sample)) == sizeof(sample) ? 0 : 1);
  }
  ::close(report[1]);
  HelperSample sample;
  pollfd poll_fd{report[0], POLLIN, 0};
  if (pid < 0 || ::poll(&poll_fd, 1, 10000) != 1 || ::read(report[0], &sample, sizeof(sample)) != sizeof(sample)) {
    sample = HelperSample{};
  }
  ::close(report[0]);
  if (pid > 0) ::waitpid(pid, nullptr, 0);
  return sample;
}

// In the helper itself: the threads are stopped again after, untimed, since
// the helper forks between samples as the zygote does.
HelperSample ContextWarm(HelperState& state) {
  HelperSample sample = CreateContext(state);
  state.engine->StopThreads();
  return sample;
}

HelperSample DomHeavyOnce(HelperState& state) {
  boost::asio::io_context io;
  RecordingDelegate delegate;
  std::string error;
  const ScriptPages& pages = state.pages;
  const double cpu = ProcessCpuMicros();
  const auto start = Clock::now();
  std::unique_ptr<renderer::PageScripts> scripts =
      renderer::PageScripts::Create(io, *state.engine, pages.heavy_html, pages.heavy_url, 0, &delegate, &error);
  if (!scripts) return {};
  renderer::Page page(scripts->TakeLayoutHtml(), pages.heavy_url, kWidth, kHeight);
  scripts->Start();
  if (page.IsComplete()) scripts->SubresourcesComplete();
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (!delegate.loaded && delegate.failure.empty() && Clock::now() < deadline) {
    io.run_one_until(deadline);
  }
  if (!delegate.loaded || !delegate.failure.empty()) return {};
  // Inserted elements are no in-place change (RendererService::
  // LayOutScriptChanges): the renderer rebuilds litehtml's document from the
  // DOM, and so does this floor. Should the renderer learn to insert in
  // place, this sample fails rather than measure another path.
  if (!scripts->TakeLayoutUpdate().rebuild) return {};
  page.ReplaceHtml(scripts->TakeLayoutHtml());
  renderer::SolidColorBands bands;
  cairo_t* cr = cairo_create(state.surface);
  page.PaintExceptSolidBands(cr, 0, bands);
  cairo_destroy(cr);
  cairo_surface_flush(state.surface);
  HelperSample sample{MicrosSince(start), ProcessCpuMicros() - cpu, 0};
  // The script really built the page (untimed): its title says so.
  if (scripts->DumpHtml().find("<title>" + pages.heavy_title + "</title>") == std::string::npos) return {};
  return sample;
}

HelperSample DomHeavyInProcess(HelperState& state) {
  HelperSample sample = DomHeavyOnce(state);
  state.engine->StopThreads();
  return sample;
}

}  // namespace

std::unique_ptr<ForkedSampler> StartScriptSampler(const ScriptPages& pages, std::string* error) {
  auto state = std::make_shared<HelperState>();
  state->pages = pages;
  auto init = [state] {
    renderer::PreloadFonts();
    std::string engine_error;
    state->engine = script::JsEngine::Create({}, &engine_error);
    if (!state->engine) return -1.0;
    state->engine->StopThreads();  // as the zygote forks: no engine thread alive
    state->prepared = sandbox::PrepareLayer2(sandbox::Profile::kRenderer);
    state->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
    return state->prepared.error == 0 ? 0.0 : -1.0;
  };
  auto sample = [state](unsigned char variant) {
    switch (variant) {
      case kScriptForkFloor:
        return ForkFloor(*state);
      case kScriptContextForked:
        return ContextInForkedChild(*state);
      case kScriptContextWarm:
        return ContextWarm(*state);
      case kScriptDomHeavyInProcess:
        return DomHeavyInProcess(*state);
      default:
        return HelperSample{};
    }
  };
  double ignored = 0;
  std::unique_ptr<ForkedSampler> sampler = ForkedSampler::Start(init, sample, 30000, &ignored, error);
  if (!sampler) *error = "the script helper (fonts, engine, filter): " + *error;
  return sampler;
}

}  // namespace sandtab::bench
