#include "sandbox/shared_net_namespace.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <mutex>
#include <thread>

namespace sandtab::sandbox {
namespace {

// A network namespace belongs to a thread, not a process: a short-lived
// thread unshares one, and the fd keeps it alive after the thread is gone.
// The caller's own threads keep the host network.
int CreateEmptyNetNamespace() {
  int fd = -1;
  std::thread creator([&fd] {
    if (unshare(CLONE_NEWNET) != 0) return;
    fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  });
  creator.join();
  return fd;
}

}  // namespace

int SharedNetNamespaceFd() {
  static std::once_flag once;
  static int fd = -1;
  std::call_once(once, [] {
    if (geteuid() == 0) fd = CreateEmptyNetNamespace();
  });
  return fd;
}

}  // namespace sandtab::sandbox
