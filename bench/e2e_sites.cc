// The site rows (issue 22 line 7): open -> loaded frame of a new tab, and
// navigation -> loaded frame of a same-site navigation (the process is
// kept) and a cross-site one (a new process, DESIGN section 14), in turn,
// in one browser with its zygote, with and without the spare renderer. Two
// loopback http servers are the two sites (127.0.0.1 and 127.0.0.2); every
// page is the same small document, so the rows differ only by what the
// browser does with processes. A cross-site navigation should cost about a
// new tab: both are a zygote fork (or the spare) and a first document.
#include <string>

#include "bench/e2e_driver.h"
#include "browser/tab/tab.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::bench {
namespace {

using test::LoopbackHttpServer;

constexpr char kPage[] =
    "<!DOCTYPE html><html><head><title>site</title></head><body><h1>A site</h1>"
    "<p>One paragraph of text.</p></body></html>";

// Until `tab` shows its navigation's loaded frame; microseconds since
// `start`, or -1 with `*error`.
double UntilPainted(BrowserDriver& driver, browser::Tab* tab, Clock::time_point start, std::string* error) {
  if (!driver.WaitPainted(tab, 20)) {
    *error = tab->url() + " not painted within 20 s (state " + browser::TabStateName(tab->state()) + ")";
    return -1;
  }
  return MicrosSince(start);
}

std::vector<Row> SiteRows(const E2eOptions& options, const char* suffix, bool spare) {
  LoopbackHttpServer one, two("127.0.0.2");
  for (LoopbackHttpServer* server : {&one, &two}) {
    for (const char* path : {"/a.html", "/b.html"}) server->Serve(path, "text/html", kPage);
  }
  Row new_tab_row{std::string("sites/new_tab_") + suffix}, same_row{std::string("sites/same_site_") + suffix},
      cross_row{std::string("sites/cross_site_") + suffix};
  Samples new_tab, same, cross;
  BrowserDriver driver(options, {.sandbox = true, .zygote = true, .spare_renderer = spare});
  if (!driver.WaitZygoteReady(10)) new_tab_row.error = "the zygote did not say hello within 10 s";
  const int count = options.Count(30, 1), warmup = options.Count(3, 1);
  for (int i = 0; i < warmup + count && new_tab_row.error.empty() && same_row.error.empty() && cross_row.error.empty();
       ++i) {
    driver.WaitSpareReady(10);
    auto start = Clock::now();
    auto opened = driver.browser().tabs().Open(one.Url("/a.html"));
    if (!opened) {
      new_tab_row.error = opened.error();
      break;
    }
    browser::Tab* tab = *opened;
    const double opening = UntilPainted(driver, tab, start, &new_tab_row.error);
    const pid_t first = tab->pid();

    start = Clock::now();
    tab->Navigate(one.Url("/b.html"));
    const double same_site = UntilPainted(driver, tab, start, &same_row.error);
    if (same_site >= 0 && tab->pid() != first) same_row.error = "a same-site navigation changed processes";

    driver.WaitSpareReady(10);
    start = Clock::now();
    tab->Navigate(two.Url("/a.html"));
    const double cross_site = UntilPainted(driver, tab, start, &cross_row.error);
    if (cross_site >= 0 && tab->pid() == first) cross_row.error = "a cross-site navigation kept its process";
    driver.CloseAndReap(tab);
    if (i < warmup || opening < 0 || same_site < 0 || cross_site < 0) continue;
    new_tab.Add(opening);
    same.Add(same_site);
    cross.Add(cross_site);
  }
  new_tab_row.SetSamples("", new_tab);
  same_row.SetSamples("", same);
  cross_row.SetSamples("", cross);
  return {new_tab_row, same_row, cross_row};
}

}  // namespace

std::vector<Row> RunSiteRows(const E2eOptions& options) {
  std::vector<Row> rows = SiteRows(options, "zygote", false);
  std::vector<Row> spare = SiteRows(options, "zygote_spare", true);
  rows.insert(rows.end(), spare.begin(), spare.end());
  return rows;
}

}  // namespace sandtab::bench
