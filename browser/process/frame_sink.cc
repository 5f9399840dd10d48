#include "browser/process/frame_sink.h"

#include <cstring>

#include "proto/limits.h"

namespace sandtab::browser {

Result<std::vector<ipc::SharedBuffer>> FrameSink::Allocate(int width, int height) {
  const size_t bytes = static_cast<size_t>(width) * 4 * static_cast<size_t>(height);
  std::vector<ipc::SharedBuffer> buffers;
  for (int i = 0; i < 2; ++i) {
    auto buffer = ipc::SharedBuffer::Create(bytes, "sandtab-surface", ipc::Access::kReadOnly);
    if (!buffer) return Error{buffer.error()};
    buffers.push_back(std::move(*buffer));
  }
  return buffers;
}

Result<std::unique_ptr<FrameSink>> FrameSink::Create(int width, int height) {
  if (!proto::SurfaceSizeFits(width, height)) {
    return Error{"surface size out of range"};
  }
  auto buffers = Allocate(width, height);
  if (!buffers) return Error{buffers.error()};
  return std::unique_ptr<FrameSink>(new FrameSink(width, height, std::move(*buffers)));
}

FrameSink::FrameSink(int width, int height, std::vector<ipc::SharedBuffer> buffers)
    : width_(width), height_(height), buffers_(std::move(buffers)) {}

size_t FrameSink::shared_bytes() const {
  size_t bytes = 0;
  for (const auto& buffer : buffers_) bytes += buffer.size();
  for (const auto& buffer : previous_front_) bytes += buffer.size();
  return bytes;
}

void FrameSink::Release(bool keep_frame) {
  if (!keep_frame) {
    DropSavedFrame();
  } else if (const uint8_t* shown = pixels()) {
    saved_ = SavedFrame::Encode(shown, width_, height_, stride(), front_solid_rows_);
  }
  FreeBuffers();
}

void FrameSink::DropSavedFrame() {
  saved_.reset();
  std::vector<uint8_t>().swap(saved_pixels_);
}

PixelView FrameSink::Picture() const {
  if (const uint8_t* shown = pixels()) return {shown, width_, height_, stride(), front_solid_rows_};
  // A released surface shows nothing until it is restored: its renderer
  // cannot repaint before, and whoever draws it (a screenshot) waits for that.
  if (released() || !saved_ || saved_->width() != width_ || saved_->height() != height_) {
    return {nullptr, width_, height_, stride(), {}};
  }
  if (saved_pixels_.empty()) saved_pixels_ = saved_->Decode();
  return {saved_pixels_.data(), width_, height_, stride(), {}};
}

void FrameSink::FreeBuffers() {
  std::vector<uint8_t>().swap(saved_pixels_);
  buffers_.clear();
  front_solid_rows_.clear();
  previous_front_.clear();
  held_ = -1;
  front_ = -1;
  painted_buffers_ = 0;
}

Status FrameSink::Restore() {
  if (!buffers_.empty()) return OkStatus();
  auto buffers = Allocate(width_, height_);
  if (!buffers) return Error{buffers.error()};
  buffers_ = std::move(*buffers);
  return OkStatus();
}

Status FrameSink::Resize(int width, int height) {
  if (!proto::SurfaceSizeFits(width, height)) {
    return Error{"surface size out of range"};
  }
  if (width == width_ && height == height_) return OkStatus();
  std::vector<ipc::SharedBuffer> buffers;
  if (!released()) {
    auto allocated = Allocate(width, height);
    if (!allocated) return Error{allocated.error()};
    buffers = std::move(*allocated);
  }
  FreeBuffers();
  DropSavedFrame();
  buffers_ = std::move(buffers);
  width_ = width;
  height_ = height;
  return OkStatus();
}

void FrameSink::AdoptSurface(FrameSink&& spare) {
  if (front_ >= 0) {
    previous_front_.clear();
    previous_front_.push_back(std::move(buffers_[front_]));
  }
  buffers_ = std::move(spare.buffers_);
  held_ = spare.held_;
  front_ = spare.front_;
  painted_buffers_ = spare.painted_buffers_;
  generation_ = spare.generation_;
  last_sequence_ = spare.last_sequence_;
  spare.FreeBuffers();
}

Status FrameSink::ReplaceBuffers() {
  auto fresh = Allocate(width_, height_);
  if (!fresh) return Error{fresh.error()};
  if (front_ >= 0) {
    previous_front_.clear();
    previous_front_.push_back(std::move(buffers_[front_]));
  }
  buffers_ = std::move(*fresh);
  held_ = -1;
  front_ = -1;
  painted_buffers_ = 0;
  return OkStatus();
}

Result<std::vector<UniqueFd>> FrameSink::AttachRenderer() {
  if (buffers_.empty()) return Error{"surface released"};
  std::vector<UniqueFd> fds;
  for (const auto& buffer : buffers_) {
    auto fd = buffer.Duplicate();
    if (!fd) return Error{fd.error()};
    fds.push_back(std::move(*fd));
  }
  ++generation_;
  last_sequence_ = 0;
  return fds;
}

Result<int> FrameSink::Present(const Submission& frame) {
  // Frames painted into a released surface are stale, not hostile.
  if (buffers_.empty()) return -1;
  if (frame.buffer > 1) return Error{"frame names buffer " + std::to_string(frame.buffer) + ", there are 2"};
  // A frame painted before the surface was replaced may still be in flight.
  if (frame.generation < generation_) return -1;
  if (frame.generation != generation_) {
    return Error{"frame for surface generation " + std::to_string(frame.generation) + ", current is " +
                 std::to_string(generation_)};
  }
  if (static_cast<int>(frame.buffer) == held_) return Error{"frame in the buffer the browser holds"};
  if (frame.sequence <= last_sequence_) return Error{"frame sequence does not increase"};
  const auto& damage = frame.damage;
  const int64_t right = int64_t{damage.x()} + damage.width();
  const int64_t bottom = int64_t{damage.y()} + damage.height();
  if (damage.x() < 0 || damage.y() < 0 || damage.width() < 0 || damage.height() < 0 || right > width_ ||
      bottom > height_) {
    return Error{"frame damage rect lies outside the surface"};
  }
  if (frame.solid_rows) {
    const auto& runs = *frame.solid_rows;
    if (runs.size() > kMaxSolidRuns)
      return Error{"frame has more than " + std::to_string(kMaxSolidRuns) + " solid runs"};
    int64_t next_free_row = 0;
    for (const auto& run : runs) {
      const int64_t end = int64_t{run.first_row()} + run.row_count();
      if (run.row_count() == 0 || run.first_row() < next_free_row || end > height_) {
        return Error{"frame's solid rows are empty, out of order, overlapping or outside the surface"};
      }
      next_free_row = end;
    }
  }
  front_solid_rows_.clear();
  if (frame.solid_rows) {
    for (const auto& run : *frame.solid_rows) {
      front_solid_rows_.push_back({static_cast<int>(run.first_row()), static_cast<int>(run.row_count()), run.argb()});
    }
  }
  last_sequence_ = frame.sequence;
  ++frames_presented_;
  DropSavedFrame();         // the renderer's own picture replaces it
  previous_front_.clear();  // the new renderer's picture replaces the old one
  front_ = static_cast<int>(frame.buffer);
  painted_buffers_ |= 1u << frame.buffer;
  if (single_buffer_) return front_;  // shown, yet handed straight back: held_ stays -1
  const int to_ack = held_;
  held_ = front_;
  return to_ack;
}

const uint8_t* FrameSink::pixels() const {
  if (front_ >= 0) return buffers_[front_].bytes().data();
  if (!previous_front_.empty()) return previous_front_[0].bytes().data();
  return nullptr;
}

}  // namespace sandtab::browser
