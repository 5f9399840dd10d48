#include "renderer/frame_presenter.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "renderer/page/page.h"
#include "renderer/page/warm_up.h"
#include "renderer/thread_cpu_time.h"

namespace sandtab::renderer {

FramePresenter::FramePresenter() = default;
FramePresenter::~FramePresenter() = default;

Status FramePresenter::Adopt(const proto::SetSurface& request, std::vector<UniqueFd> fds) {
  auto surface = Surface::Adopt(std::move(fds), static_cast<int>(request.width()), static_cast<int>(request.height()),
                                static_cast<int>(request.stride()), request.generation(),
                                request.has_held_buffer() ? static_cast<int>(std::min(request.held_buffer(), 2u)) : -1,
                                request.painted_buffers());
  if (!surface) return Error{surface.error()};
  surface_ = std::move(*surface);
  last_presented_ = request.has_held_buffer() ? static_cast<int>(std::min(request.held_buffer(), 2u)) : -1;
  return OkStatus();
}

void FramePresenter::Release(uint64_t generation) {
  if (surface_ && surface_->generation() == generation) surface_.reset();
  paint_wanted_ = true;
}

bool FramePresenter::Returned(uint32_t buffer) { return surface_ && surface_->MarkReturned(static_cast<int>(buffer)); }

std::optional<FrameReport> FramePresenter::Paint(Page& page, int scroll_y, uint64_t navigation_id,
                                                 uint64_t earlier_work_ns) {
  if (!surface_ || !paint_wanted_) return std::nullopt;
  if (page.IsRenderBlocked()) return std::nullopt;
  const int buffer = surface_->FreeBuffer();
  if (buffer < 0) return std::nullopt;
  paint_wanted_ = false;
  const uint64_t paint_start = ThreadCpuNanos();
  // Solid-colour bands are left alone (their pages untouched); the browser
  // fills them. Only the rows about to be painted are prefaulted.
  cairo_surface_t* target = surface_->CairoSurface(buffer);
  cairo_t* cr = cairo_create(target);
  page.PaintExceptSolidBands(cr, scroll_y, solid_bands_, [this, buffer](int first_row, int rows) {
    surface_->PrefaultRows(buffer, first_row, rows);
  });
  cairo_destroy(cr);
  cairo_surface_flush(target);
  surface_->MarkPresented(buffer);
  last_presented_ = buffer;

  FrameReport frame;
  frame.buffer = static_cast<uint32_t>(buffer);
  frame.sequence = ++frame_sequence_;
  frame.navigation_id = navigation_id;
  frame.generation = surface_->generation();
  frame.width = surface_->width();
  frame.height = surface_->height();
  frame.scroll_y = scroll_y;
  frame.loaded = page.IsComplete();
  frame.work_us = (earlier_work_ns + ThreadCpuNanos() - paint_start) / 1000;
  return frame;
}

int FramePresenter::DiscardBackBuffers() { return surface_ ? surface_->DiscardOwnedBuffers(last_presented_) : 0; }

// On the slow kind of VM the first touch of a page in a process costs
// several microseconds; a 1280x800 buffer has 1,000. Only the buffer the
// first frame will go into is touched: a spare waits with one buffer's
// pixels, not two, and the other is not needed before a second frame (a
// static page never has one; an animation faults it row by row as it
// paints, as every tab does after an idle discard).
Result<uint64_t> FramePresenter::WarmUp(uint64_t generation) {
  if (!surface_ || surface_->generation() != generation) return Error{"WarmUp without that surface"};
  const auto start = std::chrono::steady_clock::now();
  const int buffer = surface_->FreeBuffer();
  if (buffer >= 0) {
    surface_->PrefaultRows(buffer, 0, surface_->height());
    PaintWarmUpPage(surface_->CairoSurface(buffer), surface_->width(), surface_->height());
  }
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
}

}  // namespace sandtab::renderer
