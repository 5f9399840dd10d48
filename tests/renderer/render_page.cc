// page_render: renders an HTML file to a PNG through the Page API and prints
// how long parse+layout, resource loading and paint took. A developer tool
// and the source of the numbers in docs/rendering.md.
//   page_render FILE.html OUT.png [WIDTH HEIGHT [SCROLL_Y]]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "renderer/page/font_set.h"
#include "tests/renderer/page_fixture.h"

using namespace sandtab::renderer;           // NOLINT: small tool
using namespace sandtab::renderer::testing;  // NOLINT

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s FILE.html OUT.png [WIDTH HEIGHT [SCROLL_Y]]\n", argv[0]);
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
  constexpr int kRuns = 20;
  Canvas canvas(width, height);
  for (int run = 0; run <= kRuns; ++run) {
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
  std::printf("parse+layout %.2f ms, resources (read+decode+relayout) %.2f ms, paint %.2f ms "
              "(mean of %d warm runs, %dx%d)\n",
              parse / kRuns, load / kRuns, paint / kRuns, kRuns, width, height);
  canvas.WritePng(argv[2]);
  return 0;
}
