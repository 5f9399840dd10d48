// page_render: renders an HTML file to a PNG through the Page API and prints
// how long parse+layout, resource loading and paint took. A developer tool
// and the source of the numbers in docs/rendering.md.
//   page_render [--no-rule-index] [--runs=N] FILE.html OUT.png [WIDTH HEIGHT [SCROLL_Y]]
// --no-rule-index: litehtml's own style matching (rule_index.h), to compare.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <cstring>

#include "renderer/page/font_set.h"
#include "renderer/page/css/rule_index.h"
#include "tests/renderer/page_fixture.h"

using namespace sandtab::renderer;           // NOLINT: small tool
using namespace sandtab::renderer::testing;  // NOLINT

int main(int argc, char** argv) {
  const char* tool = argv[0];
  int runs = 20;
  for (; argc > 1 && std::strncmp(argv[1], "--", 2) == 0; --argc, ++argv) {
    if (std::strcmp(argv[1], "--no-rule-index") == 0) {
      SetRuleIndexEnabled(false);
    } else if (std::strncmp(argv[1], "--runs=", 7) == 0 && std::atoi(argv[1] + 7) > 0) {
      runs = std::atoi(argv[1] + 7);
    } else {
      std::fprintf(stderr, "%s: unknown option %s\n", tool, argv[1]);
      return 2;
    }
  }
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s [--no-rule-index] [--runs=N] FILE.html OUT.png [WIDTH HEIGHT [SCROLL_Y]]\n", tool);
    return 2;
  }
  const int width = argc > 4 ? std::atoi(argv[3]) : 1280;
  const int height = argc > 4 ? std::atoi(argv[4]) : 800;
  const int scroll = argc > 5 ? std::atoi(argv[5]) : 0;
  char real[4096];
  if (!realpath(argv[1], real)) return 1;
  PreloadFonts();
  const std::string html = ReadFile(real);
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };

  // Warm run first (fonts at every size the page uses), then a measured run.
  double parse = 0, load = 0, paint = 0;
  Canvas canvas(width, height);
  for (int run = 0; run <= runs; ++run) {
    const auto t0 = Clock::now();
    Page page(html, FileUrl(real), width, height);
    const auto t1 = Clock::now();
    SupplyFromDisk(&page);
    const auto t2 = Clock::now();
    canvas.Paint(&page, scroll);
    const auto t3 = Clock::now();
    if (run == 0) {
      std::printf("title: %s\ncontent: %dx%d\n", page.Title().c_str(), width, page.ContentHeight());
      continue;
    }
    parse += ms(t1 - t0);
    load += ms(t2 - t1);
    paint += ms(t3 - t2);
  }
  std::printf(
      "parse+layout %.2f ms, resources (read+decode+relayout) %.2f ms, paint %.2f ms "
      "(mean of %d warm runs, %dx%d)\n",
      parse / runs, load / runs, paint / runs, runs, width, height);
  canvas.WritePng(argv[2]);
  return 0;
}
