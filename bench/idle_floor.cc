// sandtab_bench_idle: the memory floor of a renderer. Linked exactly like
// sandtab-renderer (sandtab_renderer and everything under it), it does no
// work: it says "ready" on standard output and sleeps until killed.
//   sandtab_bench_idle          idle, libraries mapped, nothing touched
//   sandtab_bench_idle --fonts  after PreloadFonts(), as a renderer starts
#include <unistd.h>

#include <cstring>

#include "renderer/page/font_set.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--fonts") == 0) sandtab::renderer::PreloadFonts();
  if (::write(1, "r", 1) != 1) return 1;
  for (;;) ::pause();
}
