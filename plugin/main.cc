// sandtab-plugin --type=NAME [--no-sandbox] [--enable-plugin-debug] [--v=N]:
// every instance of one plugin type, sandboxed.
// Fonts first, then the sandbox's layer 2, then content.
#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ipc/event_loop.h"
#include "plugin/plugin_fonts.h"
#include "plugin/plugin_registry.h"
#include "plugin/plugin_service.h"
#include "sandbox/embedded_layer2.h"
#include "sandbox/layer2.h"

namespace {
constexpr int kChannelFd = 3;  // the contract (DESIGN section 3)
}

int main(int argc, char** argv) {
  sandtab::plugin::PluginConfig config;
  std::string type_name;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-sandbox") {
      config.sandboxed = false;
    } else if (arg == "--enable-plugin-debug") {
      config.debug_params = true;
    } else if (arg.rfind("--type=", 0) == 0) {
      type_name = arg.substr(7);
    } else if (arg.rfind("--v=", 0) == 0) {
      config.verbosity = std::atoi(arg.c_str() + 4);
    } else {
      std::fprintf(stderr, "sandtab-plugin: unknown flag '%s'\n", arg.c_str());
      return 2;
    }
  }
  const sandtab::plugin::PluginType* type = sandtab::plugin::FindPluginType(type_name);
  if (!type) {
    std::fprintf(stderr, "sandtab-plugin: unknown plugin type '%s' (known: %s)\n", type_name.c_str(),
                 sandtab::plugin::KnownPluginTypeNames().c_str());
    return 2;
  }
  struct stat st;
  if (::fstat(kChannelFd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    std::fprintf(stderr, "sandtab-plugin: fd 3 is not a socket; the browser starts plugins\n");
    return 2;
  }
  // Everything that needs the filesystem happens before layer 2.
  sandtab::plugin::PreloadPluginFonts();
  if (config.sandboxed) {
    // The filter compiled at build time (embedded_layer2.h): ~1 ms less than compiling it here.
    sandtab::sandbox::EngageLayer2(sandtab::sandbox::EmbeddedLayer2(sandtab::sandbox::Profile::kPlugin));
  } else {
    std::fprintf(stderr, "sandtab-plugin: WARNING: --no-sandbox: plugin content runs unsandboxed\n");
  }

  boost::asio::io_context io(sandtab::ipc::kSingleThreadedLoop);
  sandtab::plugin::PluginService service(io, sandtab::UniqueFd(kChannelFd), *type, config);
  service.Start();
  io.run();
  if (config.verbosity > 0)
    std::fprintf(stderr, "sandtab-plugin[%s]: %s\n", type_name.c_str(), service.exit_reason().c_str());
  return 0;
}
