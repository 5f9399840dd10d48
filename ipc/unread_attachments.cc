#include "ipc/unread_attachments.h"

#include <sys/stat.h>

namespace sandtab::ipc {

size_t UnreadAttachments::BytesOf(std::span<const UniqueFd> fds) {
  size_t bytes = 0;
  for (const UniqueFd& fd : fds) {
    struct stat st;
    if (::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      bytes += static_cast<size_t>(st.st_size);
    }
  }
  return bytes;
}

void UnreadAttachments::Add(uint64_t stream_end, size_t fds, size_t bytes) {
  entries_.push_back({stream_end, fds, bytes});
  totals_.fds += fds;
  totals_.bytes += bytes;
}

void UnreadAttachments::ReadUpTo(uint64_t offset) {
  while (!entries_.empty() && entries_.front().stream_end <= offset) {
    totals_.fds -= entries_.front().fds;
    totals_.bytes -= entries_.front().bytes;
    entries_.pop_front();
  }
}

void UnreadAttachments::Clear() {
  entries_.clear();
  totals_ = {};
}

}  // namespace sandtab::ipc
