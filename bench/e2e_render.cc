// Parse + layout + paint of each built-in page: inside the sandboxed renderer
// (what it reports as the navigation's work) against the same work done in
// this process by renderer::Page on its own (the floor).
#include <cairo.h>

#include <fstream>
#include <map>
#include <sstream>

#include "bench/e2e_driver.h"
#include "renderer/page/font_set.h"
#include "renderer/page/page.h"

namespace sandtab::bench {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr const char* kPages[] = {"index.html", "article.html", "table.html", "fonts.html", "plugins.html"};

// Every file a page needs, read from disk once (before any timing): the
// renderer too gets its bytes handed to it, never reads them.
class DiskResources {
 public:
  const std::string* Get(const std::string& url) {
    auto it = cache_.find(url);
    if (it != cache_.end()) return it->second.ok ? &it->second.bytes : nullptr;
    Entry& entry = cache_[url];
    constexpr std::string_view kScheme = "file://";
    if (url.rfind(kScheme, 0) == 0) {
      std::ifstream file(url.substr(kScheme.size()), std::ios::binary);
      std::ostringstream bytes;
      bytes << file.rdbuf();
      entry.ok = file.good() || file.eof();
      entry.bytes = bytes.str();
      entry.ok = entry.ok && !entry.bytes.empty();
    }
    return entry.ok ? &entry.bytes : nullptr;
  }

 private:
  struct Entry {
    bool ok = false;
    std::string bytes;
  };
  std::map<std::string, Entry> cache_;
};

// One load: construct the Page, hand it every resource it asks for (one
// SupplyResource per resource, as the renderer does), paint the viewport as
// the renderer does (solid-colour bands left to the compositor). CPU time of
// this thread, as the renderer reports its own (FrameReady.work_us).
double InProcessLoadMicros(DiskResources& disk, const std::string& url, cairo_surface_t* surface,
                           renderer::SolidColorBands* bands) {
  const std::string* html = disk.Get(url);
  if (!html) return -1;
  const double start = CpuMicros(CLOCK_THREAD_CPUTIME_ID);
  auto page = std::make_unique<renderer::Page>(*html, url, kWidth, kHeight);
  for (auto requests = page->TakeResourceRequests(); !requests.empty(); requests = page->TakeResourceRequests()) {
    for (const renderer::ResourceRequest& request : requests) {
      const std::string* bytes = disk.Get(request.url);
      page->SupplyResource(request.url, bytes != nullptr, bytes ? std::string_view(*bytes) : std::string_view());
    }
  }
  cairo_t* cr = cairo_create(surface);
  page->PaintExceptSolidBands(cr, 0, *bands);  // as the renderer paints
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const double micros = CpuMicros(CLOCK_THREAD_CPUTIME_ID) - start;
  page.reset();  // not timed: the renderer drops its page at the next navigation
  return micros;
}

}  // namespace

std::vector<Row> RunRenderRows(const E2eOptions& options) {
  const int count = options.Count(15, 1);
  std::vector<Row> rows;
  for (const char* name : kPages) rows.push_back(Row{std::string("render/") + name});

  // In-process floor, fonts loaded first as a renderer loads them at start-up.
  renderer::PreloadFonts();
  DiskResources disk;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  renderer::SolidColorBands bands;
  BrowserDriver driver(options, {.sandbox = true});
  // The zygote initialises on this same core: not during the first floor.
  const bool zygote_ready = driver.WaitZygoteReady(10);
  for (Row& row : rows) {
    if (!zygote_ready) {
      row.error = "the zygote did not say hello within 10 s";
      continue;
    }
    const std::string page = row.name.substr(row.name.find('/') + 1);
    const std::string url = driver.Url(page);
    Samples floor;
    for (int i = 0; i < count + 1; ++i) {  // +1: warm-up (decoders, glyph caches)
      const double micros = InProcessLoadMicros(disk, url, surface, &bands);
      if (micros < 0) {
        row.error = "cannot read " + url;
        break;
      }
      if (i > 0 || count == 1) floor.Add(micros);
    }
    if (!row.error.empty()) continue;

    // The renderer: a fresh tab's first load (cold renderer), then reloads.
    browser::Tab* tab = driver.Open(page, &row.error);
    if (!tab) continue;
    if (!driver.WaitPainted(tab, 20)) {
      row.error = page + " not painted within 20 s";
      continue;
    }
    row.Set("first_load_us", static_cast<double>(tab->render_work_us()));
    Samples renderer_work;
    Samples frames;
    for (int i = 0; i < count && row.error.empty(); ++i) {
      const uint64_t frames_before = tab->sink().frames_presented();
      tab->Reload();
      if (!driver.WaitPainted(tab, 20)) {
        row.error = page + " not painted again within 20 s";
        break;
      }
      renderer_work.Add(static_cast<double>(tab->render_work_us()));
      frames.Add(static_cast<double>(tab->sink().frames_presented() - frames_before));
    }
    if (!tab->document_error().empty()) row.error = "renderer: " + tab->document_error();
    driver.CloseAndReap(tab);
    row.SetSamples("renderer_", renderer_work);
    row.SetSamples("floor_", floor);
    row.Set("frames_per_load", frames.Median());
  }
  cairo_surface_destroy(surface);
  return rows;
}

}  // namespace sandtab::bench
