#include "renderer/surface.h"

#include <algorithm>

#include "base/cairo_ptr.h"
#include "proto/limits.h"
#include "renderer/page/solid_color_bands.h"

namespace sandtab::renderer {

// renderer/page includes nothing of proto/, so it keeps its own copy of the
// limit; this is where the copy is checked.
static_assert(SolidColorBands::kMaxSide == proto::kMaxSurfaceSide);

Result<std::unique_ptr<Surface>> Surface::Adopt(std::vector<UniqueFd> fds, int width, int height, int stride,
                                                uint64_t generation, int held_buffer, uint32_t painted_buffers) {
  if (!proto::SurfaceSizeFits(width, height) || stride != width * 4) {
    return Error{"SetSurface geometry out of range"};
  }
  const size_t bytes = static_cast<size_t>(stride) * static_cast<size_t>(height);
  ASSIGN_OR_RETURN(ipc::PainterBuffers buffers,
                   ipc::PainterBuffers::Adopt(std::move(fds), bytes, held_buffer, "SetSurface"));
  std::unique_ptr<Surface> surface(new Surface(width, height, generation, std::move(buffers)));
  for (int i = 0; i < 2; ++i) {
    ASSIGN_OR_RETURN(surface->cairo_[i], WrapArgb32(surface->buffers_.writable_bytes(i), width, height),
                     "buffer " + std::to_string(i));
  }
  surface->painted_buffers_ = painted_buffers;
  return surface;
}

Surface::Surface(int width, int height, uint64_t generation, ipc::PainterBuffers buffers)
    : width_(width), height_(height), generation_(generation), buffers_(std::move(buffers)) {}

// Row by row as they are about to be painted, not at SetSurface: a new tab's
// second buffer is not needed until its second frame, and the rows of a
// solid-colour band are never needed at all.
void Surface::PrefaultRows(int buffer, int first_row, int rows) {
  const int end = std::min(first_row + rows, height_);
  const size_t row_bytes = static_cast<size_t>(width_) * 4;
  // A restarted tab's buffers were painted by the renderer before us.
  const auto pages =
      (painted_buffers_ >> buffer) & 1 ? ipc::SharedBuffer::Pages::kExisting : ipc::SharedBuffer::Pages::kFresh;
  auto& done = prefaulted_rows_[buffer];
  for (int row = std::max(first_row, 0); row < end;) {
    if (done[row]) {
      ++row;
      continue;
    }
    int run_end = row;
    while (run_end < end && !done[run_end]) done[run_end++] = true;
    buffers_.buffer(buffer).PrefaultForWriting(pages, row * row_bytes, (run_end - row) * row_bytes);
    row = run_end;
  }
}

int Surface::DiscardOwnedBuffers(int keep) {
  int emptied = 0;
  for (int buffer = 0; buffer < 2; ++buffer) {
    const bool painted = prefaulted_rows_[buffer].any() || ((painted_buffers_ >> buffer) & 1);
    if (buffer == keep || !buffers_.Owns(buffer) || !painted) continue;
    // Best effort: a buffer whose pages stay is still a correct buffer.
    if (!buffers_.buffer(buffer).DiscardPages()) continue;
    prefaulted_rows_[buffer].reset();
    painted_buffers_ &= ~(1u << buffer);
    ++emptied;
  }
  return emptied;
}

}  // namespace sandtab::renderer
