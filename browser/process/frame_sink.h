#ifndef SANDTAB_BROWSER_PROCESS_FRAME_SINK_H_
#define SANDTAB_BROWSER_PROCESS_FRAME_SINK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "base/result.h"
#include "browser/process/saved_frame.h"
#include "ipc/shared_buffer.h"
#include "proto/common.pb.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

// Pixels to read, wherever they are: premultiplied ARGB32, `stride` bytes a
// row, null when there is nothing to show.
struct PixelView {
  const uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;
  // Rows not in `pixels` but one colour each (FrameSink::solid_rows()).
  std::span<const SolidRows> solid_rows = {};
};

// A tab's surface (DESIGN section 5): two sealed buffers the browser
// allocates once per tab and reuses across renderer restarts, and the rule
// that says who may touch which.
//
// Double buffering: FrameReady(b) hands b to the browser, which holds it as
// the front buffer and acks the one it held before. The renderer may never
// present the buffer the browser holds. The front buffer outlives its
// renderer: a crashed tab keeps showing it, and a new renderer is told which
// buffer is held (held_buffer()) and paints the other, so a restart costs no
// copy of the last frame. (A renderer can write into the held buffer through
// its mapping at any time, dead or alive; it is the tab's own picture, so the
// browser only polices what is presented.)
class FrameSink {
 public:
  static Result<std::unique_ptr<FrameSink>> Create(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  int stride() const { return width_ * 4; }
  uint64_t generation() const { return generation_; }
  size_t shared_bytes() const;

  // New fds for both buffers, for a renderer's SetSurface; starts a new
  // generation in which the renderer owns every buffer but held_buffer().
  Result<std::vector<UniqueFd>> AttachRenderer();
  // The buffer the browser holds, or -1; a new renderer must leave it alone.
  int held_buffer() const { return held_; }

  // --unsafe-single-buffer (the race lesson, docs/lessons.md): each frame is
  // acked as soon as it is presented, so the browser shows a buffer that it
  // does not hold and the renderer paints its next frame into it (the
  // renderer takes the lowest free buffer) while the browser composites from
  // it. Torn frames follow; the default double buffering never tears.
  void set_single_buffer(bool single_buffer) { single_buffer_ = single_buffer; }
  bool single_buffer() const { return single_buffer_; }
  // Bit i: buffer i has held a presented frame, so its memory's pages exist
  // (a new renderer maps them faster; see SharedBuffer::PrefaultForWriting).
  uint32_t painted_buffers() const { return painted_buffers_; }

  // What a child says when it presents a frame (a renderer's FrameReady or a
  // plugin's InstanceFrameReady).
  struct Submission {
    uint32_t buffer;
    uint64_t generation;
    uint64_t sequence;
    const proto::Rect& damage;
    // Rows the child left unpainted, each one colour (a renderer's
    // FrameReady.solid_rows); none for plugins.
    const google::protobuf::RepeatedPtrField<proto::SolidColorRows>* solid_rows = nullptr;
  };
  static constexpr int kMaxSolidRuns = 1024;
  // Validates a submission against the ownership rule and the surface
  // geometry. On success, returns the buffer to ack (or -1 for none).
  Result<int> Present(const Submission& frame);

  // A background tab gives its buffers back to the system (the renderer is
  // told to drop its mappings too); Restore() allocates new ones, which the
  // renderer gets with the next AttachRenderer() and paints afresh. With
  // `keep_frame` the frame shown at the release is kept as a SavedFrame
  // (compressed, in the browser's memory) until dropped or until the
  // renderer's next frame; else any saved frame goes too.
  void Release(bool keep_frame = false);
  Status Restore();
  bool released() const { return buffers_.empty(); }
  bool has_saved_frame() const { return saved_.has_value(); }
  size_t saved_frame_bytes() const { return saved_ ? saved_->bytes() : 0; }
  void DropSavedFrame();
  // A new size (the window was resized): new buffers, which the renderer
  // gets with the next AttachRenderer(); frames painted into the old ones
  // are stale (their generation is). Nothing shows until the first frame at
  // the new size. A released surface only takes the size for its Restore().
  Status Resize(int width, int height);

  // Takes over a spare renderer's surface (browser/tab/spare_renderer.h): its
  // two buffers, which that renderer has mapped, warmed up and owns, and
  // their generation, so the renderer needs no SetSurface. The frame shown
  // now (a sad tab's last good frame) stays the picture until the new
  // renderer presents its first; then its old buffer is freed. Same size only.
  void AdoptSurface(FrameSink&& spare);
  // Two new buffers for a renderer of another site (a process swap): the one
  // that painted the old ones keeps their mappings until it exits, and must
  // never see the new site's pixels. The frame shown now stays the picture
  // until the new renderer presents its first, as with AdoptSurface.
  Status ReplaceBuffers();

  // Premultiplied BGRA, stride() bytes per row; null before any frame. Rows
  // in solid_rows() were not painted: read them as their colour instead.
  const uint8_t* pixels() const;
  std::span<const SolidRows> solid_rows() const { return front_solid_rows_; }
  bool has_frame() const { return pixels() != nullptr; }
  // What to show: the frame (pixels() and solid_rows()), else, once the
  // surface is restored and until its renderer paints, the saved frame
  // (decoded on the first call), else nothing.
  PixelView Picture() const;
  uint64_t frames_presented() const { return frames_presented_; }

 private:
  FrameSink(int width, int height, std::vector<ipc::SharedBuffer> buffers);
  static Result<std::vector<ipc::SharedBuffer>> Allocate(int width, int height);
  void FreeBuffers();

  int width_, height_;
  std::vector<ipc::SharedBuffer> buffers_;  // two, or none while released
  // After AdoptSurface: the old front buffer, shown until the first frame.
  std::vector<ipc::SharedBuffer> previous_front_;
  int held_ = -1;   // the buffer the browser holds, or -1
  int front_ = -1;  // the buffer the browser shows: held_, except in single-buffer mode
  bool single_buffer_ = false;
  uint32_t painted_buffers_ = 0;
  uint64_t generation_ = 0;
  uint64_t last_sequence_ = 0;
  uint64_t frames_presented_ = 0;
  // The front frame's unpainted rows; capacity kept, so presenting allocates
  // nothing once a frame has had its largest number of runs.
  std::vector<SolidRows> front_solid_rows_;
  std::optional<SavedFrame> saved_;
  // saved_ decoded, while a restored surface waits for its renderer's frame.
  mutable std::vector<uint8_t> saved_pixels_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_FRAME_SINK_H_
