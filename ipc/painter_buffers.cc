#include "ipc/painter_buffers.h"

#include <string>

namespace sandtab::ipc {

Result<PainterBuffers> PainterBuffers::Adopt(std::vector<UniqueFd> fds, size_t bytes_each, int held_buffer,
                                             std::string_view what) {
  if (fds.size() != 2) {
    return Error{std::string(what) + " needs 2 buffers, got " + std::to_string(fds.size())};
  }
  if (held_buffer < -1 || held_buffer > 1) {
    return Error{std::string(what) + " holds buffer " + std::to_string(held_buffer)};
  }
  PainterBuffers painter;
  painter.buffers_.reserve(2);
  for (int i = 0; i < 2; ++i) {
    Result<SharedBuffer> buffer = SharedBuffer::Adopt(std::move(fds[i]), bytes_each, Access::kReadWrite);
    if (!buffer) return Error{"buffer " + std::to_string(i) + ": " + buffer.error()};
    painter.buffers_.push_back(std::move(*buffer));
  }
  if (held_buffer >= 0) painter.owned_[held_buffer] = false;
  return painter;
}

int PainterBuffers::FreeBuffer() const {
  if (owned_[0]) return 0;
  if (owned_[1]) return 1;
  return -1;
}

bool PainterBuffers::MarkReturned(int buffer) {
  if (buffer < 0 || buffer > 1 || owned_[buffer]) return false;
  owned_[buffer] = true;
  return true;
}

}  // namespace sandtab::ipc
