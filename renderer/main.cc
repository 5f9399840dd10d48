// sandtab-renderer: one tab's document, sandboxed. Fonts first, then the
// sandbox's layer 2, then content.
#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <cstring>
#include <string>

#include "renderer/debug_urls.h"
#include "renderer/page/font_set.h"
#include "renderer/renderer_service.h"
#include "sandbox/layer2.h"

namespace {
constexpr int kChannelFd = 3;  // the contract (DESIGN section 3)
}

int main(int argc, char** argv) {
  sandtab::renderer::RendererConfig config;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-sandbox") {
      config.sandboxed = false;
    } else if (arg.rfind("--v=", 0) == 0) {
      config.verbosity = std::atoi(arg.c_str() + 4);
    } else {
      std::fprintf(stderr, "sandtab-renderer: unknown flag '%s'\n", arg.c_str());
      return 2;
    }
  }
  struct stat st;
  if (::fstat(kChannelFd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    std::fprintf(stderr, "sandtab-renderer: fd 3 is not a socket; the browser starts renderers\n");
    return 2;
  }
  sandtab::renderer::InstallOutOfMemoryHandler();
  // Everything that needs the filesystem happens before layer 2.
  sandtab::renderer::PreloadFonts();
  if (config.sandboxed) sandtab::sandbox::EngageLayer2(sandtab::sandbox::Profile::kRenderer);

  boost::asio::io_context io;
  sandtab::renderer::RendererService service(io, sandtab::ipc::UniqueFd(kChannelFd), config);
  service.Start();
  io.run();
  if (config.verbosity > 0) std::fprintf(stderr, "sandtab-renderer: %s\n", service.exit_reason().c_str());
  return 0;
}
