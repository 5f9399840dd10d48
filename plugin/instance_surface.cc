#include "plugin/instance_surface.h"

#include <string>

namespace sandtab::plugin {

Result<std::unique_ptr<InstanceSurface>> InstanceSurface::Adopt(std::vector<UniqueFd> fds, int width, int height,
                                                                int held_buffer) {
  if (fds.size() != 2) return Error{"CreateInstance needs 2 buffers, got " + std::to_string(fds.size())};
  if (held_buffer < -1 || held_buffer > 1) return Error{"CreateInstance holds buffer " + std::to_string(held_buffer)};
  if (width <= 0 || height <= 0 || width > kMaxDimension || height > kMaxDimension) {
    return Error{"CreateInstance size " + std::to_string(width) + "x" + std::to_string(height) + " out of range"};
  }
  std::unique_ptr<InstanceSurface> surface(new InstanceSurface(width, height));
  const int stride = width * 4;  // the contract; equals cairo's ARGB32 stride
  const size_t bytes = static_cast<size_t>(stride) * static_cast<size_t>(height);
  surface->buffers_.reserve(2);
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
  return surface;
}

InstanceSurface::~InstanceSurface() {
  for (auto* surface : cairo_) {
    if (surface) cairo_surface_destroy(surface);
  }
}

int InstanceSurface::FreeBuffer() const {
  if (owned_[0]) return 0;
  if (owned_[1]) return 1;
  return -1;
}

bool InstanceSurface::MarkReturned(int buffer) {
  if (buffer < 0 || buffer > 1 || owned_[buffer]) return false;
  owned_[buffer] = true;
  return true;
}

}  // namespace sandtab::plugin
