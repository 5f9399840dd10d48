#ifndef SANDTAB_BASE_UNIQUE_FD_H_
#define SANDTAB_BASE_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace sandtab {

// Sole owner of a file descriptor: move-only, closes on destruction.
// It never allocates and close() is async-signal-safe, so sandbox/ may hold
// one in a child between clone() and exec.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) Reset(other.Release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  explicit operator bool() const { return valid(); }

  int Release() { return std::exchange(fd_, -1); }
  void Reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace sandtab

#endif  // SANDTAB_BASE_UNIQUE_FD_H_
