#include "ipc/fd_passing.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace sandtab::ipc {
namespace {

// Room for one more fd than allowed, so an oversupply shows as a count
// rather than only as MSG_CTRUNC.
constexpr size_t kRightsBytes = CMSG_SPACE(sizeof(int) * (kMaxFdsPerFrame + 1));
// And for the sender's credentials beside them, on a socket that reports
// senders: without this room every such receive would be truncated.
constexpr size_t kControlBytes = kRightsBytes + CMSG_SPACE(sizeof(ucred));

}  // namespace

ssize_t SendWithFds(int socket, std::span<const uint8_t> bytes, std::span<const int> fds) {
  iovec iov{const_cast<uint8_t*>(bytes.data()), bytes.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[kRightsBytes];
  if (!fds.empty()) {
    if (fds.size() > kMaxFdsPerFrame) {
      errno = EMSGSIZE;
      return -1;
    }
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = ::sendmsg(socket, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
  } while (n < 0 && errno == EINTR);
  return n;
}

ssize_t ReceiveWithFds(int socket, std::span<uint8_t> buffer, std::vector<UniqueFd>* fds, pid_t* sender) {
  iovec iov{buffer.data(), buffer.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[kControlBytes];
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t n;
  do {
    n = ::recvmsg(socket, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  } while (n < 0 && errno == EINTR);
  if (sender) *sender = 0;
  if (n < 0) return n;
  // Take ownership of every fd first, so each is closed on any error below.
  for (cmsghdr* cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
    if (cmsg->cmsg_level != SOL_SOCKET) continue;
    if (cmsg->cmsg_type == SCM_CREDENTIALS && cmsg->cmsg_len == CMSG_LEN(sizeof(ucred))) {
      ucred credentials;
      std::memcpy(&credentials, CMSG_DATA(cmsg), sizeof(credentials));
      if (sender) *sender = credentials.pid;
      continue;
    }
    if (cmsg->cmsg_type != SCM_RIGHTS) continue;
    size_t count = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(cmsg) + i * sizeof(int), sizeof(int));
      fds->emplace_back(fd);
    }
  }
  if ((msg.msg_flags & MSG_CTRUNC) || fds->size() > kMaxFdsPerFrame) {
    fds->clear();
    if (sender) *sender = 0;
    errno = EMSGSIZE;
    return -1;
  }
  return n;
}

bool ReportSenders(int socket) {
  const int on = 1;
  return ::setsockopt(socket, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0;
}

}  // namespace sandtab::ipc
