// Tiny async-signal-safe helpers for code that runs after clone() or inside
// the SIGSYS handler: no allocation, no locks, no stdio.
#ifndef SANDTAB_SANDBOX_ASYNC_SAFE_H_
#define SANDTAB_SANDBOX_ASYNC_SAFE_H_

#include <cstddef>

namespace sandtab::sandbox::async_safe {

// A fixed buffer that lines are built into; overflow truncates silently.
class LineBuffer {
 public:
  LineBuffer& Append(const char* text);
  LineBuffer& AppendInt(long value);
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  // write()s the whole buffer to |fd|, retrying on EINTR / short writes.
  void WriteTo(int fd) const;

 private:
  char data_[256] = {};
  size_t size_ = 0;
};

size_t StrLen(const char* text);

}  // namespace sandtab::sandbox::async_safe

#endif  // SANDTAB_SANDBOX_ASYNC_SAFE_H_
