#include "tests/support/raw_frame_writer.h"

#include <google/protobuf/message_lite.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ipc/frame.h"

namespace sandtab::test {

std::vector<uint8_t> RawFrameWriter::Header(uint32_t length) {
  const ipc::FrameHeader header = ipc::EncodeFrameHeader(length);
  return {header.begin(), header.end()};
}

std::vector<uint8_t> RawFrameWriter::Frame(std::span<const uint8_t> body) {
  std::vector<uint8_t> frame(ipc::kFrameHeaderBytes + body.size());
  ipc::EncodeFrameHeader(static_cast<uint32_t>(body.size()), frame.data());
  std::copy(body.begin(), body.end(), frame.begin() + ipc::kFrameHeaderBytes);
  return frame;
}

std::vector<uint8_t> RawFrameWriter::Frame(const google::protobuf::MessageLite& message) {
  std::string body = message.SerializeAsString();
  return Frame({reinterpret_cast<const uint8_t*>(body.data()), body.size()});
}

bool RawFrameWriter::Write(std::span<const uint8_t> bytes, std::span<const int> fds) {
  size_t done = 0;
  bool fds_pending = !fds.empty();
  while (done < bytes.size() || fds_pending) {
    iovec iov{const_cast<uint8_t*>(bytes.data()) + done, bytes.size() - done};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    std::vector<char> control;
    if (fds_pending) {
      control.resize(CMSG_SPACE(sizeof(int) * fds.size()));
      msg.msg_control = control.data();
      msg.msg_controllen = control.size();
      cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
      cmsg->cmsg_level = SOL_SOCKET;
      cmsg->cmsg_type = SCM_RIGHTS;
      cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
      std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
    }
    ssize_t n = ::sendmsg(socket_, &msg, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || (n == 0 && !fds_pending)) return false;
    fds_pending = false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool RawFrameWriter::WriteByteByByte(std::span<const uint8_t> bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (!Write(bytes.subspan(i, 1))) return false;
  }
  return true;
}

void RawFrameWriter::ShutdownWrite() { ::shutdown(socket_, SHUT_WR); }

}  // namespace sandtab::test
