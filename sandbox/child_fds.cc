#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {
namespace {

// Above 0-3, so copying a source never clobbers another one.
constexpr int kScratchFloor = 10;

int CopyHigh(int fd) { return fcntl(fd, F_DUPFD_CLOEXEC, kScratchFloor); }

// A copy of |fd| above the floor, or of /dev/null when |fd| is -1.
int CopyHighOrNull(int fd, int null_high) { return CopyHigh(fd >= 0 ? fd : null_high); }

}  // namespace

// fds 0, 1, 2: the given fds or /dev/null; 3: the channel; no
// other fd stays open (an inherited fd to a host directory would undo the
// filesystem view, a socket would undo the network namespace).
int SetUpFileDescriptors(const ChildPlan& plan) {
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) return errno;
  // Every source is copied above 3 before any dup2(), so no dup2() can
  // clobber a source that is itself one of 0-3.
  int null_high = CopyHigh(null_fd);
  if (null_high < 0) return errno;
  int in_high = CopyHighOrNull(plan.stdin_fd, null_high);
  int out_high = CopyHighOrNull(plan.stdout_fd, null_high);
  int log_high = CopyHighOrNull(plan.log_fd, null_high);
  int channel_high = plan.channel_fd >= 0 ? CopyHigh(plan.channel_fd) : -1;
  if (in_high < 0 || out_high < 0 || log_high < 0 || (plan.channel_fd >= 0 && channel_high < 0)) return errno;
  if (dup2(in_high, STDIN_FILENO) < 0 || dup2(out_high, STDOUT_FILENO) < 0 || dup2(log_high, STDERR_FILENO) < 0)
    return errno;
  if (channel_high >= 0) {
    if (dup2(channel_high, 3) < 0) return errno;
  } else {
    close(3);
  }
  if (syscall(SYS_close_range, 4U, ~0U, 0U) != 0) return errno;
  return 0;
}

}  // namespace sandtab::sandbox::child
