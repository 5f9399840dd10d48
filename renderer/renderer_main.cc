#include "renderer/renderer_main.h"

#include <boost/asio/io_context.hpp>
#include <cstdio>

#include "ipc/event_loop.h"
#include "proto/schema_digest.h"
#include "renderer/debug_urls.h"
#include "renderer/page/font_set.h"
#include "sandbox/layer2.h"

namespace sandtab::renderer {

void InitializeBeforeSandbox() {
  InstallOutOfMemoryHandler();
  PreloadFonts();
  proto::SchemaDigest();  // builds every protobuf descriptor now, not per child
}

int RunRenderer(const RendererConfig& config, const sandbox::PreparedLayer2* prepared) {
  if (config.sandboxed) {
    if (prepared != nullptr)
      sandbox::EngageLayer2(*prepared);
    else
      sandbox::EngageLayer2(sandbox::Profile::kRenderer);
  }
  boost::asio::io_context io(ipc::kSingleThreadedLoop);
  RendererService service(io, UniqueFd(kChannelFd), config);
  service.Start();
  io.run();
  if (config.verbosity > 0) std::fprintf(stderr, "sandtab-renderer: %s\n", service.exit_reason().c_str());
  return 0;
}

}  // namespace sandtab::renderer
