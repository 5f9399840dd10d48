#include "tests/support/hostile/framed_socket.h"

#include <poll.h>

#include <cerrno>
#include <cstring>

#include "ipc/fd_passing.h"
#include "tests/support/raw_frame_writer.h"

namespace sandtab::test::hostile {

FramedSocket::Status FramedSocket::ReceiveSome() {
  std::vector<UniqueFd> fds;
  std::span<uint8_t> space = reader_.WritableSpace(64 * 1024);
  ssize_t n = ipc::ReceiveWithFds(fd_, space, &fds);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Status::kNeedMore;
  if (n < 0) {
    error_ = std::string("recvmsg: ") + std::strerror(errno);
    return Status::kError;
  }
  if (n == 0 && fds.empty()) return Status::kClosed;
  reader_.Commit(static_cast<size_t>(n), std::move(fds));
  return Status::kNeedMore;
}

FramedSocket::Status FramedSocket::Next(Received* out) {
  ipc::FrameReader::Frame frame;
  switch (reader_.Next(&frame)) {
    case ipc::FrameReader::Status::kFrame:
      out->body.assign(frame.body.begin(), frame.body.end());
      out->fds = std::move(frame.fds);
      return Status::kFrame;
    case ipc::FrameReader::Status::kNeedMore:
      return Status::kNeedMore;
    case ipc::FrameReader::Status::kError:
      error_ = reader_.error();
      return Status::kError;
  }
  return Status::kError;
}

FramedSocket::Status FramedSocket::Read(std::chrono::milliseconds timeout, Received* out) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    Status status = Next(out);
    if (status != Status::kNeedMore) return status;
    int wait_ms = -1;
    if (timeout.count() >= 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return Status::kTimeout;
      wait_ms = static_cast<int>(left.count());
    }
    pollfd pfd{fd_, POLLIN, 0};
    int ready = ::poll(&pfd, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      error_ = std::string("poll: ") + std::strerror(errno);
      return Status::kError;
    }
    if (ready == 0) return Status::kTimeout;
    status = ReceiveSome();
    if (status != Status::kNeedMore) return status;
  }
}

bool FramedSocket::Write(std::span<const uint8_t> body, std::span<const int> fds) {
  std::vector<uint8_t> frame = RawFrameWriter::Frame(body);
  return RawFrameWriter(fd_).Write(frame, fds);
}

}  // namespace sandtab::test::hostile
