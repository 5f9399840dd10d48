#include "renderer/renderer_main.h"

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "ipc/event_loop.h"
#include "proto/schema_digest.h"
#include "renderer/debug_urls.h"
#include "renderer/page/font_set.h"
#include "renderer/script/js_engine.h"
#include "sandbox/embedded_layer2.h"
#include "sandbox/layer2.h"

namespace sandtab::renderer {

namespace {

// The process's engine: made once before the sandbox, kept for the
// process's life (JS_Init may run once per process).
script::JsEngine* g_engine = nullptr;

}  // namespace

void InitializeBeforeSandbox(const RendererConfig& config, bool zygote) {
  InstallOutOfMemoryHandler();
  PreloadFonts();
  if (config.javascript) {
    std::string error;
    std::unique_ptr<script::JsEngine> engine =
        script::JsEngine::Create({.jitless = config.jitless, .encode_self_hosted_code = zygote}, &error);
    if (!engine) {
      std::fprintf(stderr, "sandtab-renderer: JavaScript engine: %s; pages run without scripts\n", error.c_str());
      return;
    }
    engine->StopThreads();
    g_engine = engine.release();
  }
}

sandbox::Profile RendererProfile(const RendererConfig& config) {
  return config.jitless ? sandbox::Profile::kRendererJitless : sandbox::Profile::kRenderer;
}

int RunRenderer(const RendererConfig& config, const sandbox::PreparedLayer2* prepared) {
  if (config.sandboxed) {
    // A zygote's child gets the zygote's; a cold renderer takes the one
    // compiled when sandtab was built (~1 ms less than compiling it now).
    sandbox::EngageLayer2(prepared != nullptr ? *prepared : sandbox::EmbeddedLayer2(RendererProfile(config)));
  }
  boost::asio::io_context io(ipc::kSingleThreadedLoop);
  RendererService service(io, UniqueFd(kChannelFd), config, g_engine);
  service.Start();
  io.run();
  if (config.verbosity > 0) std::fprintf(stderr, "sandtab-renderer: %s\n", service.exit_reason().c_str());
  return 0;
}

}  // namespace sandtab::renderer
