// sandtab-renderer: one tab's document, sandboxed. Fonts first, then the
// sandbox's layer 2, then content. With --zygote: the zygote that forks
// renderers (renderer/zygote.h).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
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
  sandtab::renderer::InitializeBeforeSandbox();
  if (zygote) return sandtab::renderer::RunZygote(config);
  return sandtab::renderer::RunRenderer(config);
}
