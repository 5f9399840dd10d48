#include "renderer/surface.h"

#include <algorithm>

namespace sandtab::renderer {

Result<std::unique_ptr<Surface>> Surface::Adopt(std::vector<UniqueFd> fds, int width, int height, int stride,
                                                uint64_t generation, int held_buffer, uint32_t painted_buffers) {
  if (fds.size() != 2) return Error{"SetSurface needs 2 buffers"};
  if (held_buffer < -1 || held_buffer > 1) return Error{"SetSurface holds buffer " + std::to_string(held_buffer)};
  if (width <= 0 || height <= 0 || width > 8192 || height > 8192 || stride != width * 4) {
    return Error{"SetSurface geometry out of range"};
  }
  std::unique_ptr<Surface> surface(new Surface(width, height, generation));
  const size_t bytes = static_cast<size_t>(stride) * static_cast<size_t>(height);
  for (int i = 0; i < 2; ++i) {
    auto buffer = ipc::SharedBuffer::Adopt(std::move(fds[i]), bytes, ipc::Access::kReadWrite);
    if (!buffer) return Error{"buffer " + std::to_string(i) + ": " + buffer.error()};
    surface->buffers_.push_back(std::move(*buffer));
    surface->cairo_[i] = cairo_image_surface_create_for_data(surface->buffers_[i].writable_bytes().data(),
                                                             CAIRO_FORMAT_ARGB32, width, height, stride);
    if (cairo_surface_status(surface->cairo_[i]) != CAIRO_STATUS_SUCCESS) {
      return Error{"cairo cannot wrap buffer " + std::to_string(i)};
    }
  }
  if (held_buffer >= 0) surface->owned_[held_buffer] = false;
  surface->painted_buffers_ = painted_buffers;
  return surface;
}

Surface::Surface(int width, int height, uint64_t generation)
    : width_(width), height_(height), generation_(generation) {}

Surface::~Surface() {
  for (auto* surface : cairo_) {
    if (surface) cairo_surface_destroy(surface);
  }
}

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
    buffers_[buffer].PrefaultForWriting(pages, row * row_bytes, (run_end - row) * row_bytes);
    row = run_end;
  }
}

int Surface::FreeBuffer() const {
  if (owned_[0]) return 0;
  if (owned_[1]) return 1;
  return -1;
}

bool Surface::MarkReturned(int buffer) {
  if (buffer < 0 || buffer > 1 || owned_[buffer]) return false;
  owned_[buffer] = true;
  return true;
}

}  // namespace sandtab::renderer
