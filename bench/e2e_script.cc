// The JavaScript rows (issue 21): a page's context made in a zygote-forked
// child, open -> first frame of a scripted page beside a plain one, and a
// DOM-heavy page in the renderer against the same work in-process. The
// in-process halves run in a helper child that holds the engine
// (script_sampler.h); the renderer halves in a real Browser.
//
// Why the context row is measured in a forked child of the helper and not
// read from the renderer: the renderer reports only its whole document work
// (FrameReady.work_us: parse, context, layout, paint summed), and reading
// PageScripts::Create alone from it would need a new field in the protocol.
// The helper's child does what a zygote-forked renderer does in the same
// order (engine made before the fork with its threads stopped, the
// renderer's prepared filter loaded, then renderer::PageScripts::Create
// itself, which starts the threads), so it is the renderer's own code on
// the renderer's own path, minus the IPC.
#include <fstream>
#include <sstream>

#include "bench/e2e_driver.h"
#include "bench/script_sampler.h"

namespace sandtab::bench {
namespace {

constexpr const char* kHeavyTitle = "built 3000";

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// Opens `file`, waits for its loaded frame (a scripted page's comes after its
// load event), checks its title; microseconds, or -1 with `*error`. The
// renderer's own account of its document work (FrameReady.work_us: its main
// thread's CPU in parse, PageScripts::Create, layout, paint; not the scripts'
// tasks) goes to `*work_us`.
double OpenToLoadedFrame(BrowserDriver& driver, const std::string& file, const std::string& title, std::string* error,
                         double* work_us = nullptr) {
  const auto start = Clock::now();
  browser::Tab* tab = driver.Open(file, error);
  if (!tab) return -1;
  const bool painted = driver.WaitPainted(tab, 20);
  const double micros = MicrosSince(start);
  if (work_us) *work_us = static_cast<double>(tab->render_work_us());
  if (!painted) {
    *error = file + " not painted within 20 s (state " + browser::TabStateName(tab->state()) + ")";
  } else if (tab->title() != title) {
    *error = file + " has the title \"" + tab->title() + "\", not \"" + title + "\"";
  }
  driver.CloseAndReap(tab);
  return error->empty() ? micros : -1;
}

void AddHelperSample(ForkedSampler* sampler, ScriptVariant variant, Row* row, Samples* micros, Samples* cpu = nullptr,
                     Samples* faults = nullptr) {
  if (!sampler || !row->error.empty()) return;
  const HelperSample sample = sampler->Take(variant, 30000);
  if (sample.micros < 0) {
    row->error = "the script helper's sample failed";
    return;
  }
  micros->Add(sample.micros);
  if (cpu) cpu->Add(sample.cpu_micros);
  if (faults) faults->Add(sample.minor_faults);
}

// The context rows: the helper's fork floor, a context in a forked child and
// in the helper itself, interleaved.
std::vector<Row> ContextRows(const E2eOptions& options, ForkedSampler* sampler) {
  Row floor_row{"script/fork_floor"}, forked_row{"script/context_forked"}, warm_row{"script/context_warm"};
  Samples floor, forked, forked_cpu, forked_faults, warm, warm_cpu;
  const int count = options.Count(60, 1), warmup = options.Count(3, 1);
  for (int i = 0; i < warmup + count; ++i) {
    Samples dropped;  // warm-up samples are taken and dropped
    auto into = [&](Samples& kept) { return i >= warmup ? &kept : &dropped; };
    AddHelperSample(sampler, kScriptForkFloor, &floor_row, into(floor));
    AddHelperSample(sampler, kScriptContextForked, &forked_row, into(forked), into(forked_cpu), into(forked_faults));
    AddHelperSample(sampler, kScriptContextWarm, &warm_row, into(warm), into(warm_cpu));
  }
  floor_row.SetSamples("", floor);
  forked_row.SetSamples("", forked).SetSamples("cpu_", forked_cpu).Set("minor_faults", forked_faults.Median());
  warm_row.SetSamples("", warm).SetSamples("cpu_", warm_cpu);
  return {floor_row, forked_row, warm_row};
}

// open -> loaded frame of simple.html and scripted.html in turn, in one
// browser with its zygote, with a zygote-floor sample before each pair.
std::vector<Row> OpenRows(const E2eOptions& options, BrowserDriver& driver) {
  Row simple_row{"script/open_simple"}, scripted_row{"script/open_scripted"};
  Samples simple, scripted, floor, simple_work, scripted_work;
  const int count = options.Count(40, 1), warmup = options.Count(3, 1);
  for (int i = 0; i < warmup + count && simple_row.error.empty() && scripted_row.error.empty(); ++i) {
    if (i >= warmup) AddFloorSample(options, &floor);
    double plain_work = 0, script_work = 0;
    const double plain = OpenToLoadedFrame(driver, "simple.html", "simple", &simple_row.error, &plain_work);
    const double with_script =
        OpenToLoadedFrame(driver, "scripted.html", "scripted: changed", &scripted_row.error, &script_work);
    if (i < warmup || plain < 0 || with_script < 0) continue;
    simple.Add(plain);
    scripted.Add(with_script);
    simple_work.Add(plain_work);
    scripted_work.Add(script_work);
  }
  simple_row.SetSamples("", simple).SetSamples("floor_", floor).SetSamples("work_", simple_work);
  scripted_row.SetSamples("", scripted).SetSamples("floor_", floor).SetSamples("work_", scripted_work);
  return {simple_row, scripted_row};
}

// The DOM-heavy page: in-process (the helper) and in a renderer, in turn.
std::vector<Row> DomHeavyRows(const E2eOptions& options, BrowserDriver& driver, ForkedSampler* sampler) {
  Row renderer_row{"script/dom_heavy_renderer"}, in_process_row{"script/dom_heavy_in_process"};
  Samples renderer, in_process, in_process_cpu;
  const int count = options.Count(15, 1), warmup = options.Count(2, 1);
  for (int i = 0; i < warmup + count && renderer_row.error.empty() && in_process_row.error.empty(); ++i) {
    Samples dropped;
    AddHelperSample(sampler, kScriptDomHeavyInProcess, &in_process_row, i >= warmup ? &in_process : &dropped,
                    i >= warmup ? &in_process_cpu : &dropped);
    const double micros = OpenToLoadedFrame(driver, "dom-heavy.html", kHeavyTitle, &renderer_row.error);
    if (i >= warmup && micros >= 0) renderer.Add(micros);
  }
  renderer_row.SetSamples("", renderer);
  in_process_row.SetSamples("", in_process).SetSamples("cpu_", in_process_cpu);
  return {renderer_row, in_process_row};
}

}  // namespace

std::vector<Row> RunScriptRows(const E2eOptions& options) {
  ScriptPages pages;
  pages.scripted_html = ReadFile(options.content_root + "/scripted.html");
  pages.heavy_url = "file://" + options.content_root + "/dom-heavy.html";
  pages.heavy_html = ReadFile(options.content_root + "/dom-heavy.html");
  pages.heavy_title = kHeavyTitle;
  std::string error;
  std::unique_ptr<ForkedSampler> sampler = StartScriptSampler(pages, &error);
  std::vector<Row> rows = ContextRows(options, sampler.get());
  BrowserDriver driver(options, {.sandbox = true, .zygote = true});
  const bool zygote_ready = driver.WaitZygoteReady(10);
  for (std::vector<Row> more : {OpenRows(options, driver), DomHeavyRows(options, driver, sampler.get())}) {
    rows.insert(rows.end(), more.begin(), more.end());
  }
  for (Row& row : rows) {
    if (!sampler && row.error.empty() && row.name != "script/open_simple" && row.name != "script/open_scripted")
      row.error = error;
    if (!zygote_ready && row.error.empty()) row.error = "the zygote did not say hello within 10 s";
  }
  return rows;
}

// The pages these rows open: a plain page with one inline script that
// changes its DOM, and one whose script builds 3,000 elements.
void WriteScriptPages(const std::string& root) {
  std::ofstream(root + "/scripted.html")
      << "<!DOCTYPE html><html><head><title>scripted</title></head>"
         "<body><h1>Hello</h1><p id=\"p\">One paragraph of text.</p><script>"
         "document.getElementById('p').textContent = 'One paragraph, changed by a script.';"
         "document.title = 'scripted: changed';</script></body></html>\n";
  std::ofstream(root + "/dom-heavy.html")
      << "<!DOCTYPE html><html><head><title>dom heavy</title></head><body><div id=\"list\"></div><script>"
         "const list = document.getElementById('list');"
         "for (let i = 0; i < 3000; i++) {"
         "  const item = document.createElement(i % 3 ? 'span' : 'p');"
         "  item.className = 'item c' + (i % 7);"
         "  item.textContent = 'Item ' + i;"
         "  list.appendChild(item);"
         "}"
         "document.title = 'built ' + list.childNodes.length;</script></body></html>\n";
}

}  // namespace sandtab::bench
