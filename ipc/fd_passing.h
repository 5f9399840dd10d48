#ifndef SANDTAB_IPC_FD_PASSING_H_
#define SANDTAB_IPC_FD_PASSING_H_

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <vector>

#include "base/unique_fd.h"

namespace sandtab::ipc {

// At most this many fds travel with one frame (a surface is two buffers).
inline constexpr size_t kMaxFdsPerFrame = 4;

// One non-blocking sendmsg of `bytes` with `fds` attached as SCM_RIGHTS
// (MSG_NOSIGNAL: a dead peer is an error return, not a SIGPIPE). Returns the
// bytes written or -1 with errno set.
ssize_t SendWithFds(int socket, std::span<const uint8_t> bytes, std::span<const int> fds);

// One non-blocking recvmsg into `buffer`. Received fds are close-on-exec
// (MSG_CMSG_CLOEXEC) and owned by `fds`. More fds than kMaxFdsPerFrame, or a
// truncated control message, closes every received fd and reports EMSGSIZE.
// `sender`, if given, is set to the pid of the process that sent these
// bytes, as this process's PID namespace names it, when the socket reports
// senders (ReportSenders); 0 otherwise. The kernel fills it in: a sender may
// name only itself (unless it holds CAP_SYS_ADMIN over its PID namespace,
// which no sandboxed child does), and one recvmsg never joins bytes of two
// senders.
ssize_t ReceiveWithFds(int socket, std::span<uint8_t> buffer, std::vector<UniqueFd>* fds, pid_t* sender = nullptr);

// SO_PASSCRED: from now on every receive on `socket` names the sender's pid
// (SCM_CREDENTIALS). False (errno set) if the kernel refused.
bool ReportSenders(int socket);

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_FD_PASSING_H_
