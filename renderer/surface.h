#ifndef SANDTAB_RENDERER_SURFACE_H_
#define SANDTAB_RENDERER_SURFACE_H_

#include <cairo.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "base/cairo_ptr.h"
#include "ipc/painter_buffers.h"
#include "proto/limits.h"

namespace sandtab::renderer {

// The renderer's view of its tab's two shared buffers (DESIGN section 5).
// Cairo paints straight into the mappings: one image surface per buffer,
// made once, so a frame costs no allocation and no copy.
class Surface {
 public:
  // Checks the buffers (seals, sizes) before mapping them. `held_buffer`
  // (-1 for none) is the browser's: not ours until it is acked. Bit i of
  // `painted_buffers` says buffer i's pages exist (see SetSurface).
  static Result<std::unique_ptr<Surface>> Adopt(std::vector<UniqueFd> fds, int width, int height, int stride,
                                                uint64_t generation, int held_buffer = -1,
                                                uint32_t painted_buffers = 0);

  int width() const { return width_; }
  int height() const { return height_; }
  uint64_t generation() const { return generation_; }

  // A buffer the renderer may paint (the browser does not hold it), or -1.
  int FreeBuffer() const { return buffers_.FreeBuffer(); }
  // Whether the renderer may paint `buffer` (0 or 1) now.
  bool Owns(int buffer) const { return buffers_.Owns(buffer); }
  // For painting `buffer` (a FreeBuffer()).
  cairo_surface_t* CairoSurface(int buffer) { return cairo_[buffer].get(); }
  // Maps rows [first_row, first_row + rows) of `buffer` writable in one call
  // before they are painted, once per row: rows never painted (solid-colour
  // bands the browser fills itself) are never touched at all.
  void PrefaultRows(int buffer, int first_row, int rows);
  // Gives back the pages of every buffer the renderer owns except `keep`
  // (the buffer of the last frame presented, which may still be on screen:
  // --unsafe-single-buffer acks it at once) and that holds painted pages;
  // the next paint of one faults fresh pages. How many were emptied.
  int DiscardOwnedBuffers(int keep);
  // Presented: the browser holds it until it acks.
  void MarkPresented(int buffer) { buffers_.MarkPresented(buffer); }
  // The browser acked; false if we never presented it (a confused browser).
  bool MarkReturned(int buffer) { return buffers_.MarkReturned(buffer); }

 private:
  Surface(int width, int height, uint64_t generation, ipc::PainterBuffers buffers);

  int width_, height_;
  uint64_t generation_;
  ipc::PainterBuffers buffers_;
  CairoSurfacePtr cairo_[2];                                // after buffers_: destroyed before the mappings go
  std::bitset<proto::kMaxSurfaceSide> prefaulted_rows_[2];  // one bit per row Adopt allows
  uint32_t painted_buffers_ = 0;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_SURFACE_H_
