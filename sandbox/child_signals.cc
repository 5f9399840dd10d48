#include <errno.h>
#include <signal.h>

#include "sandbox/child_steps.h"

namespace sandtab::sandbox::child {

// The child inherits the caller's handlers (which point into code that
// expects the caller's threads) and the all-blocked mask Launch() set around
// clone(). Handlers go back to default first, then signals are unblocked,
// so nothing of the caller runs in the child.
int ResetSignals() {
  struct sigaction action = {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    // EINVAL for the signal numbers glibc reserves for itself: fine.
    if (sigaction(sig, &action, nullptr) != 0 && errno != EINVAL) return errno;
  }
  sigset_t none;
  sigemptyset(&none);
  if (sigprocmask(SIG_SETMASK, &none, nullptr) != 0) return errno;
  return 0;
}

}  // namespace sandtab::sandbox::child
