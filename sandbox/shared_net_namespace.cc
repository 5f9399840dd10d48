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
class SharedNetNamespace {
 public:
  ~SharedNetNamespace() { Join(); }  // a browser that returns early still joins its thread

  void Start() {
    std::call_once(started_, [this] {
      if (geteuid() != 0) return;
      creator_ = std::thread([this] {
        if (unshare(CLONE_NEWNET) != 0) return;
        fd_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
      });
    });
  }

  int Fd() {
    Start();
    Join();
    return fd_;
  }

 private:
  void Join() {
    std::call_once(joined_, [this] {
      if (creator_.joinable()) creator_.join();
    });
  }

  std::once_flag started_, joined_;
  std::thread creator_;
  int fd_ = -1;  // written by creator_, read after it is joined
};

SharedNetNamespace& Shared() {
  static SharedNetNamespace shared;
  return shared;
}

}  // namespace

void StartSharedNetNamespace() { Shared().Start(); }

int SharedNetNamespaceFd() { return Shared().Fd(); }

}  // namespace sandtab::sandbox
