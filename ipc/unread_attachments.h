#ifndef SANDTAB_IPC_UNREAD_ATTACHMENTS_H_
#define SANDTAB_IPC_UNREAD_ATTACHMENTS_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>

#include "base/unique_fd.h"

namespace sandtab::ipc {

// The fds one end attached to frames its peer has not read yet, and the
// bytes they pin (a memfd's size). A frame's fds stay the sender's cost
// until the peer reads the frame: first in our send queue, then in the
// kernel's socket buffer, where a peer that never reads leaves them. The
// serialized bytes of such a frame are ~60; its memfd may be 32 MiB.
//
// Frames are booked by the stream offset where they end; the owner tells
// how far the peer has read (the bytes handed to the kernel minus what the
// kernel still holds, SIOCOUTQ), and what ended by then is off the books.
class UnreadAttachments {
 public:
  struct Totals {
    size_t fds = 0;
    size_t bytes = 0;
  };

  // What `fds` pin: the size of each regular file or memfd (fstat); 0 for
  // anything else (sockets, pipes), which holds no bulk memory of ours.
  static size_t BytesOf(std::span<const UniqueFd> fds);

  void Add(uint64_t stream_end, size_t fds, size_t bytes);
  // The peer has read the stream up to `offset`.
  void ReadUpTo(uint64_t offset);
  void Clear();
  bool empty() const { return entries_.empty(); }
  const Totals& totals() const { return totals_; }

 private:
  struct Entry {
    uint64_t stream_end;
    size_t fds;
    size_t bytes;
  };
  std::deque<Entry> entries_;
  Totals totals_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_UNREAD_ATTACHMENTS_H_
