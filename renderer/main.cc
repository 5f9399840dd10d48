// sandtab-renderer: one tab's document, sandboxed. Fonts first, then the
// sandbox's layer 2, then content. With --zygote: the zygote that forks
// renderers (renderer/zygote.h).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "renderer/renderer_main.h"
#include "renderer/zygote.h"

int main(int argc, char** argv) {
  sandtab::renderer::RendererConfig config;
  bool zygote = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-sandbox") {
      config.sandboxed = false;
    } else if (arg == "--zygote") {
      zygote = true;
    } else if (arg.rfind("--v=", 0) == 0) {
      config.verbosity = std::atoi(arg.c_str() + 4);
    } else if (arg == "--disable-javascript") {
      config.javascript = false;
    } else if (arg == "--js-flags=--jitless") {
      config.jitless = true;
    } else if (arg.rfind("--virtual-time-budget=", 0) == 0) {
      const char* value = arg.c_str() + std::strlen("--virtual-time-budget=");
      char* end = nullptr;
      const long budget = std::strtol(value, &end, 10);
      if (*value == '\0' || *end != '\0' || budget < 0 || budget > 600000) {
        std::fprintf(stderr, "sandtab-renderer: bad --virtual-time-budget '%s' (0..600000 ms)\n", value);
        return 2;
      }
      config.virtual_time_budget_ms = static_cast<int>(budget);
    } else {
      std::fprintf(stderr, "sandtab-renderer: unknown flag '%s'\n", arg.c_str());
      return 2;
    }
  }
  struct stat st;
  if (::fstat(sandtab::renderer::kChannelFd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    std::fprintf(stderr, "sandtab-renderer: fd 3 is not a socket; the browser starts renderers\n");
    return 2;
  }
  // Everything that needs the filesystem happens before layer 2.
  sandtab::renderer::InitializeBeforeSandbox(config, zygote);
  if (zygote) return sandtab::renderer::RunZygote(config);
  return sandtab::renderer::RunRenderer(config);
}
