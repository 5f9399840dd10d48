#ifndef SANDTAB_RENDERER_ZYGOTE_H_
#define SANDTAB_RENDERER_ZYGOTE_H_

#include "renderer/renderer_service.h"

namespace sandtab::renderer {

// The zygote (DESIGN section 7): `sandtab-renderer --zygote`. Started by the
// browser inside the sandbox's layer-1 namespaces, it initialises once
// (libraries, fonts, protobuf descriptors), then forks one renderer per
// ForkRequest on fd 3. Each child takes the channel and log pipe that came
// with the request as its fds 3 and 2 and engages layer 2 itself, so a new
// renderer costs a fork instead of an exec plus start-up.
//
// The zygote is pid 1 of the renderers' PID namespace: it reaps them and
// tells the browser how each ended (ChildExited). A blocking loop on poll():
// it has exactly two things to wait for, and no thread may exist at fork.
int RunZygote(const RendererConfig& child_config);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_ZYGOTE_H_
