#ifndef SANDTAB_RENDERER_FRAME_PRESENTER_H_
#define SANDTAB_RENDERER_FRAME_PRESENTER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "proto/renderer.pb.h"
#include "renderer/page/solid_color_bands.h"
#include "renderer/surface.h"

namespace sandtab::renderer {

class Page;

// What one FrameReady says (besides the solid-colour rows, which the
// presenter's solid_bands() hold for the frame last painted).
struct FrameReport {
  uint32_t buffer = 0;
  uint64_t sequence = 0;
  uint64_t navigation_id = 0;
  uint64_t generation = 0;
  int width = 0, height = 0;  // the damage: always the whole surface
  int scroll_y = 0;
  bool loaded = false;
  uint64_t work_us = 0;  // the renderer's CPU time for this frame, document work included
};

// Paints the page into the shared buffers the browser lends (DESIGN section
// 5) and says what each frame holds. It owns the surface, the rule that a
// buffer the browser holds is never painted, the frame sequence, and whether
// a paint is owed: a paint that finds no free buffer waits for the next ack.
class FramePresenter {
 public:
  FramePresenter();
  ~FramePresenter();

  // Adopts the buffers of a SetSurface (checked before they are mapped).
  Status Adopt(const proto::SetSurface& request, std::vector<UniqueFd> fds);
  // ReleaseSurface: unmaps and closes both buffers if they are of
  // `generation`; the next surface is painted afresh.
  void Release(uint64_t generation);
  // FrameAck: false if the browser acked a buffer it does not hold.
  bool Returned(uint32_t buffer);
  // The surface, or nullptr before the first SetSurface and after a release.
  const Surface* surface() const { return surface_.get(); }

  void WantPaint() { paint_wanted_ = true; }
  bool paint_wanted() const { return paint_wanted_; }

  // Paints `page` at `scroll_y` into a free buffer and hands it to the
  // browser. Nothing when no paint is wanted, there is no surface, the page
  // waits for its stylesheets (their arrival wants a paint again) or the
  // browser holds both buffers (its next ack paints). `earlier_work_ns` is
  // the document work since the last frame, counted into work_us.
  std::optional<FrameReport> Paint(Page& page, int scroll_y, uint64_t navigation_id, uint64_t earlier_work_ns);
  // The solid-colour bands of the frame last painted: left unpainted, the
  // browser fills them.
  const SolidColorBands& solid_bands() const { return solid_bands_; }
  // A sequence number for a frame that is not painted (about:badmessage).
  uint64_t NextSequence() { return ++frame_sequence_; }

  // A static page need not keep two full buffers (docs/rendering.md):
  // empties the buffers the renderer owns, never the one of the last frame
  // presented. How many were emptied (0 without a surface).
  int DiscardBackBuffers();

  // WarmUp (a spare renderer, before any tab): faults in and paints the
  // buffer the first frame will go into, so that frame runs warm. The wall time
  // it took, in microseconds; an error if the surface is not `generation`.
  Result<uint64_t> WarmUp(uint64_t generation);

 private:
  std::unique_ptr<Surface> surface_;
  SolidColorBands solid_bands_;  // the frame being painted; reused, no allocation
  uint64_t frame_sequence_ = 0;
  int last_presented_ = -1;  // the buffer of the last frame sent, or the one the browser held at adoption
  bool paint_wanted_ = false;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_FRAME_PRESENTER_H_
