#include "sandbox/async_safe.h"

#include <errno.h>
#include <unistd.h>

namespace sandtab::sandbox::async_safe {

size_t StrLen(const char* text) {
  size_t n = 0;
  while (text[n] != '\0') ++n;
  return n;
}

LineBuffer& LineBuffer::Append(const char* text) {
  while (*text != '\0' && size_ < sizeof(data_)) data_[size_++] = *text++;
  return *this;
}

LineBuffer& LineBuffer::AppendInt(long value) {
  char digits[24];
  int n = 0;
  unsigned long magnitude = value < 0 ? 0UL - static_cast<unsigned long>(value) : static_cast<unsigned long>(value);
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) digits[n++] = '-';
  while (n > 0 && size_ < sizeof(data_)) data_[size_++] = digits[--n];
  return *this;
}

void LineBuffer::WriteTo(int fd) const {
  size_t done = 0;
  while (done < size_) {
    ssize_t n = write(fd, data_ + done, size_ - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace sandtab::sandbox::async_safe
