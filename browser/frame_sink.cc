#include "browser/frame_sink.h"

#include <cstring>

namespace sandtab::browser {

Result<std::unique_ptr<FrameSink>> FrameSink::Create(int width, int height) {
  if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
    return Error{"surface size out of range"};
  }
  const size_t bytes = static_cast<size_t>(width) * 4 * static_cast<size_t>(height);
  auto a = ipc::SharedBuffer::Create(bytes, "sandtab-surface", ipc::Access::kReadOnly);
  if (!a) return Error{a.error()};
  auto b = ipc::SharedBuffer::Create(bytes, "sandtab-surface", ipc::Access::kReadOnly);
  if (!b) return Error{b.error()};
  return std::unique_ptr<FrameSink>(new FrameSink(width, height, std::move(*a), std::move(*b)));
}

FrameSink::FrameSink(int width, int height, ipc::SharedBuffer a, ipc::SharedBuffer b)
    : width_(width), height_(height), buffers_{std::move(a), std::move(b)} {}

size_t FrameSink::shared_bytes() const { return buffers_[0].size() + buffers_[1].size(); }

Result<std::vector<ipc::UniqueFd>> FrameSink::AttachRenderer() {
  std::vector<ipc::UniqueFd> fds;
  for (const auto& buffer : buffers_) {
    auto fd = buffer.Duplicate();
    if (!fd) return Error{fd.error()};
    fds.push_back(std::move(*fd));
  }
  DetachRenderer();
  ++generation_;
  last_sequence_ = 0;
  return fds;
}

Result<int> FrameSink::Present(const Submission& frame) {
  if (frame.buffer > 1) return Error{"frame names buffer " + std::to_string(frame.buffer) + ", there are 2"};
  if (frame.generation != generation_) {
    return Error{"frame for surface generation " + std::to_string(frame.generation) + ", current is " +
                 std::to_string(generation_)};
  }
  if (static_cast<int>(frame.buffer) == held_) return Error{"frame in the buffer the browser holds"};
  if (frame.sequence <= last_sequence_) return Error{"frame sequence does not increase"};
  const auto& damage = frame.damage;
  const int64_t right = int64_t{damage.x()} + damage.width();
  const int64_t bottom = int64_t{damage.y()} + damage.height();
  if (damage.x() < 0 || damage.y() < 0 || damage.width() < 0 || damage.height() < 0 ||
      right > width_ || bottom > height_) {
    return Error{"frame damage rect lies outside the surface"};
  }
  last_sequence_ = frame.sequence;
  ++frames_presented_;
  int to_ack = held_;
  held_ = static_cast<int>(frame.buffer);
  last_good_.clear();  // the live front buffer is newer
  last_good_.shrink_to_fit();
  return to_ack;
}

void FrameSink::DetachRenderer() {
  if (held_ >= 0) {
    auto bytes = buffers_[held_].bytes();
    last_good_.assign(bytes.begin(), bytes.end());
  }
  held_ = -1;
}

const uint8_t* FrameSink::pixels() const {
  if (held_ >= 0) return buffers_[held_].bytes().data();
  if (!last_good_.empty()) return last_good_.data();
  return nullptr;
}

}  // namespace sandtab::browser
