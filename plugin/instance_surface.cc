#include "plugin/instance_surface.h"

#include <string>

namespace sandtab::plugin {

Result<std::unique_ptr<InstanceSurface>> InstanceSurface::Adopt(std::vector<UniqueFd> fds, int width, int height,
                                                                int held_buffer) {
  if (width <= 0 || height <= 0 || width > kMaxDimension || height > kMaxDimension) {
    return Error{"CreateInstance size " + std::to_string(width) + "x" + std::to_string(height) + " out of range"};
  }
  const size_t bytes = static_cast<size_t>(width) * 4 * static_cast<size_t>(height);  // stride = width * 4
  ASSIGN_OR_RETURN(ipc::PainterBuffers buffers,
                   ipc::PainterBuffers::Adopt(std::move(fds), bytes, held_buffer, "CreateInstance"));
  std::unique_ptr<InstanceSurface> surface(new InstanceSurface(width, height, std::move(buffers)));
  for (int i = 0; i < 2; ++i) {
    ASSIGN_OR_RETURN(surface->cairo_[i], WrapArgb32(surface->buffers_.writable_bytes(i), width, height),
                     "buffer " + std::to_string(i));
  }
  return surface;
}

}  // namespace sandtab::plugin
