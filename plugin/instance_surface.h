#ifndef SANDTAB_PLUGIN_INSTANCE_SURFACE_H_
#define SANDTAB_PLUGIN_INSTANCE_SURFACE_H_

#include <cairo.h>

#include <memory>
#include <vector>

#include "base/result.h"
#include "base/cairo_ptr.h"
#include "ipc/painter_buffers.h"

namespace sandtab::plugin {

// One instance's two shared buffers (DESIGN section 5), the plugin's view.
// Cairo paints straight into the mappings through one image surface per
// buffer, made once, so a frame costs no allocation and no copy. Tracks
// which buffers the plugin owns: it never paints one the browser holds.
class InstanceSurface {
 public:
  // Per-instance cap: 4096 x 4096 x 4 = 64 MiB per buffer, far above any
  // <embed> that fits a window, far below the sandbox's address-space limit.
  static constexpr int kMaxDimension = 4096;

  // Checks the geometry, then each buffer's seals and size before mapping.
  // `held_buffer` (-1 for none) still shows the instance's last frame from a
  // plugin process that died: not ours until the browser acks it.
  static Result<std::unique_ptr<InstanceSurface>> Adopt(std::vector<UniqueFd> fds, int width, int height,
                                                        int held_buffer = -1);
  InstanceSurface(const InstanceSurface&) = delete;
  InstanceSurface& operator=(const InstanceSurface&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }

  // A buffer the plugin may paint (the browser does not hold it), or -1.
  int FreeBuffer() const { return buffers_.FreeBuffer(); }
  cairo_surface_t* CairoSurface(int buffer) { return cairo_[buffer].get(); }
  // Presented: the browser holds it until it acks.
  void MarkPresented(int buffer) { buffers_.MarkPresented(buffer); }
  // The browser acked; false if it did not hold that buffer (a confused browser).
  bool MarkReturned(int buffer) { return buffers_.MarkReturned(buffer); }

 private:
  InstanceSurface(int width, int height, ipc::PainterBuffers buffers)
      : width_(width), height_(height), buffers_(std::move(buffers)) {}

  int width_, height_;
  ipc::PainterBuffers buffers_;
  CairoSurfacePtr cairo_[2];  // after buffers_: destroyed before the mappings go
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_INSTANCE_SURFACE_H_
