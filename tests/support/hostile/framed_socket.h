// Blocking frame I/O on one end of a channel, with the fds that travel with
// each frame: the hostile child's relay and its scenarios read and write
// through it. Frames are cut by the browser's own ipc::FrameReader.
#ifndef SANDTAB_TESTS_SUPPORT_HOSTILE_FRAMED_SOCKET_H_
#define SANDTAB_TESTS_SUPPORT_HOSTILE_FRAMED_SOCKET_H_

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ipc/frame_reader.h"
#include "base/unique_fd.h"

namespace sandtab::test::hostile {

class FramedSocket {
 public:
  enum class Status { kFrame, kNeedMore, kTimeout, kClosed, kError };
  struct Received {
    std::vector<uint8_t> body;
    std::vector<UniqueFd> fds;
  };

  // Does not own `fd`; it must be blocking for Write.
  explicit FramedSocket(int fd) : fd_(fd) {}

  int fd() const { return fd_; }
  const std::string& error() const { return error_; }

  // One recvmsg of whatever is there (after poll said readable): kNeedMore
  // when bytes came, kClosed on EOF, kError otherwise.
  Status ReceiveSome();
  // The next complete frame already received, or kNeedMore (kError when the
  // stream broke the framing).
  Status Next(Received* out);
  // Next(), receiving as needed for up to `timeout` (negative: for ever).
  Status Read(std::chrono::milliseconds timeout, Received* out);

  // Header + body, fds attached to the first byte. Blocks until written.
  bool Write(std::span<const uint8_t> body, std::span<const int> fds = {});

 private:
  int fd_;
  ipc::FrameReader reader_;
  std::string error_;
};

}  // namespace sandtab::test::hostile

#endif  // SANDTAB_TESTS_SUPPORT_HOSTILE_FRAMED_SOCKET_H_
