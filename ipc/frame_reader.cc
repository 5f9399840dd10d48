#include "ipc/frame_reader.h"

#include <algorithm>
#include <cstring>

#include "ipc/fd_passing.h"

namespace sandtab::ipc {
namespace {

constexpr size_t kInitialBufferBytes = 64 * 1024;
// A buffer that grew for a large frame (up to 16 MiB) is given back once it
// is empty, rather than pinned at its peak for the channel's life.
constexpr size_t kKeptBufferBytes = 1u << 20;

}  // namespace

FrameReader::FrameReader() : buffer_(kInitialBufferBytes), capacity_(buffer_.size()) {}

std::span<uint8_t> FrameReader::WritableSpace(size_t min_bytes) {
  size_t want = min_bytes;
  // A frame in progress whose length passed the cap: room for more of it, at
  // most as much again as has arrived. Not all of it at once: a 4-byte header
  // may claim 16 MiB, and what the reader holds follows the bytes the peer
  // really sent (doubling, so a large frame costs a few regrowths, and the
  // copies add up to less than twice its size).
  const size_t buffered = end_ - begin_;
  if (buffered >= kFrameHeaderBytes) {
    uint32_t length = DecodeFrameLength(&buffer_[begin_]);
    if (IsValidFrameLength(length)) {
      size_t frame_total = kFrameHeaderBytes + length;
      if (frame_total > buffered) {
        want = std::max(want, std::min(frame_total - buffered, std::max(buffered, kInitialBufferBytes)));
      }
    }
  }
  if (capacity_ - end_ < want) {
    // Move the unconsumed tail to the front first; grow only if still short.
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (capacity_ - end_ < want) {
      PageBuffer grown(end_ + want);
      std::memcpy(grown.data(), buffer_.data(), end_);
      buffer_ = std::move(grown);
      capacity_ = buffer_.size();
    }
  }
  return {buffer_.data() + end_, capacity_ - end_};
}

void FrameReader::Commit(size_t bytes, std::vector<UniqueFd> fds) {
  uint64_t received_begin = stream_offset_ + (end_ - begin_);
  end_ += bytes;
  if (!fds.empty()) {
    fd_batches_.push_back({received_begin, received_begin + bytes, std::move(fds)});
  }
}

FrameReader::Status FrameReader::Fail(std::string error) {
  if (error_.empty()) error_ = std::move(error);
  fd_batches_.clear();  // closes them
  return Status::kError;
}

// Every frame before the one in progress is consumed, so every batch still
// held came inside that frame. An honest sender's frame brings its fds in
// one sendmsg (at most kMaxFdsPerFrame), so a second batch is a peer
// streaming fds into a frame it never finishes: refused at once.
FrameReader::Status FrameReader::NeedMore() {
  if (fd_batches_.size() > 1) return Fail("file descriptors arrived more than once inside one frame");
  if (!fd_batches_.empty() && fd_batches_.front().fds.size() > kMaxFdsPerFrame) {
    return Fail("more file descriptors than a frame may carry");
  }
  return Status::kNeedMore;
}

FrameReader::Status FrameReader::Next(Frame* frame) {
  if (!error_.empty()) return Status::kError;
  const uint64_t frame_begin = stream_offset_;
  // Fds that arrived entirely before this frame's first byte have no owner.
  if (!fd_batches_.empty() && fd_batches_.front().end <= frame_begin) {
    return Fail("file descriptors arrived that no frame claims");
  }
  const size_t available = end_ - begin_;
  if (available < kFrameHeaderBytes) {
    if (available == 0) {
      // Everything consumed: reuse the buffer from its start.
      begin_ = end_ = 0;
      if (capacity_ > kKeptBufferBytes) {
        buffer_ = PageBuffer(kInitialBufferBytes);
        capacity_ = buffer_.size();
      }
    }
    return NeedMore();
  }
  // The cap is checked on the header alone, before any allocation.
  const uint32_t length = DecodeFrameLength(&buffer_[begin_]);
  if (!IsValidFrameLength(length)) return Fail(FrameLengthError(length));
  const uint64_t frame_end = frame_begin + kFrameHeaderBytes + length;
  if (available < kFrameHeaderBytes + length) return NeedMore();

  frame->fds.clear();
  if (!fd_batches_.empty()) {
    FdBatch& batch = fd_batches_.front();
    // When a later frame also starts inside the batch's bytes, the fds are
    // that later frame's: this one carries none.
    if (batch.begin <= frame_begin && frame_begin < batch.end && frame_end >= batch.end) {
      frame->fds = std::move(batch.fds);
      fd_batches_.pop_front();
    }
  }
  frame->body = {buffer_.data() + begin_ + kFrameHeaderBytes, length};
  begin_ += kFrameHeaderBytes + length;
  stream_offset_ = frame_end;
  return Status::kFrame;
}

}  // namespace sandtab::ipc
