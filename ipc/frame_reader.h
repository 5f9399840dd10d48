#ifndef SANDTAB_IPC_FRAME_READER_H_
#define SANDTAB_IPC_FRAME_READER_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/unique_fd.h"
#include "ipc/frame.h"
#include "ipc/page_buffer.h"

namespace sandtab::ipc {

// Cuts a byte stream (plus the fds that arrived with it) into frames. Pure
// logic, no I/O: the Channel feeds it whatever each recvmsg returned, so one
// read may hold many frames or a fraction of one.
//
// Which frame owns received fds: the sender sends a frame that carries fds
// alone in one sendmsg, fds attached to its first byte, and Linux ends a
// recvmsg right after the segment that carried fds. So fds received with the
// stream bytes [a, b) belong to the frame that starts inside [a, b) and is
// still running at b. Fds for which no such frame exists are unclaimed: a
// protocol error, as DESIGN section 3 demands. Fds arriving in more than one
// batch inside a frame still in progress are an error at once, so the fds a
// peer can make us hold for an unfinished frame are one batch, at most
// kMaxFdsPerFrame.
class FrameReader {
 public:
  struct Frame {
    std::span<const uint8_t> body;  // valid until the next call into the reader
    std::vector<UniqueFd> fds;
  };
  enum class Status { kFrame, kNeedMore, kError };

  FrameReader();

  // Space to recvmsg into: at least `min_bytes`, more when a frame in progress
  // needs it (only after its length passed the cap check, and never more than
  // the bytes of it already received).
  std::span<uint8_t> WritableSpace(size_t min_bytes);
  // `bytes` were written into WritableSpace(); `fds` came with them.
  void Commit(size_t bytes, std::vector<UniqueFd> fds);

  // The next complete frame, kNeedMore, or kError with error() set. After an
  // error the reader stays failed.
  Status Next(Frame* frame);
  const std::string& error() const { return error_; }

  // True when bytes of an unfinished frame are buffered (EOF now = truncation).
  bool HasPartialFrame() const { return end_ > begin_; }
  size_t buffer_capacity() const { return capacity_; }

 private:
  struct FdBatch {
    uint64_t begin;  // stream offsets of the bytes that came with the fds
    uint64_t end;
    std::vector<UniqueFd> fds;
  };
  Status Fail(std::string error);
  Status NeedMore();  // kNeedMore, or kError if the unfinished frame holds too many fds

  // Not a std::vector, nor a heap block: the one zeroes every byte, the
  // other may be memory the heap already wrote, and either way each of 64
  // KiB per channel would be resident, in the browser for each child and in
  // each renderer. Only the pages recvmsg writes into are ever touched.
  PageBuffer buffer_;
  size_t capacity_ = 0;
  size_t begin_ = 0;            // first unconsumed byte in buffer_
  size_t end_ = 0;              // one past the last received byte
  uint64_t stream_offset_ = 0;  // stream offset of buffer_[begin_]
  std::deque<FdBatch> fd_batches_;
  std::string error_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_FRAME_READER_H_
