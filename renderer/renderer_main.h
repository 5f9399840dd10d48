#ifndef SANDTAB_RENDERER_RENDERER_MAIN_H_
#define SANDTAB_RENDERER_RENDERER_MAIN_H_

#include "renderer/renderer_service.h"
#include "sandbox/prepared_layer2.h"
#include "sandbox/profile.h"

namespace sandtab::renderer {

// fd 3 is the channel in every renderer and in the zygote (DESIGN section 3).
inline constexpr int kChannelFd = 3;

// Start-up that needs the filesystem: what a renderer (or the zygote, once
// for all its children) does before the sandbox's layer 2.
// The JavaScript engine is made here too (unless --disable-javascript), its
// helper threads stopped: a zygote forks with none, and a renderer's start
// with its first page's context, after layer 2.
// `zygote`: the engine keeps its built-ins encoded for every child.
void InitializeBeforeSandbox(const RendererConfig& config, bool zygote);

// Layer 2's profile: with --js-flags=--jitless, executable memory is refused too.
sandbox::Profile RendererProfile(const RendererConfig& config);

// A renderer's life after start-up: layer 2, then serve the channel on fd 3
// until it closes. Returns the exit code. A zygote's child passes the layer
// 2 the zygote prepared before forking; without one, layer 2 takes the
// filter compiled when sandtab was built (sandbox/embedded_layer2.h).
int RunRenderer(const RendererConfig& config, const sandbox::PreparedLayer2* prepared = nullptr);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_RENDERER_MAIN_H_
