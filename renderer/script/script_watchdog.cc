#include "renderer/script/script_watchdog.h"

#include <malloc.h>
#include <sys/prctl.h>

#include <algorithm>

#if defined(__SANITIZE_ADDRESS__)
// The sanitizer runtime's public interface (sanitizer/allocator_interface.h,
// not installed with GCC 12 on Debian).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace sandtab::script {

namespace {
// How often an armed watchdog looks at the clock and the malloc count: an
// allocation loop gets at most this long past the budget.
constexpr std::chrono::milliseconds kPollInterval{10};
}  // namespace

ScriptWatchdog::ScriptWatchdog(std::chrono::milliseconds timeout, size_t malloc_budget_bytes,
                               std::function<void()> request_interrupt)
    : timeout_(timeout),
      malloc_budget_bytes_(malloc_budget_bytes),
      request_interrupt_(std::move(request_interrupt)),
      thread_([this] { Watch(); }) {}

ScriptWatchdog::~ScriptWatchdog() {
  {
    std::lock_guard lock(mutex_);
    quitting_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ScriptWatchdog::Arm() {
  {
    std::lock_guard lock(mutex_);
    armed_ = true;
    deadline_ = std::chrono::steady_clock::now() + timeout_;
  }
  changed_.notify_all();
}

void ScriptWatchdog::Disarm() {
  std::lock_guard lock(mutex_);
  armed_ = false;
}

void ScriptWatchdog::Interrupt(InterruptReason reason) {
  reason_.store(reason);
  request_interrupt_();
}

size_t ScriptWatchdog::MallocBytesInUse() {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's allocator replaces glibc's: mallinfo2 sees none of
  // its blocks, and the budget would never be reached.
  return __sanitizer_get_current_allocated_bytes();
#else
  const struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

void ScriptWatchdog::Watch() {
  ::prctl(PR_SET_NAME, "JS Watchdog");
  std::unique_lock lock(mutex_);
  while (!quitting_) {
    if (!armed_) {
      changed_.wait(lock);
      continue;
    }
    const auto now = std::chrono::steady_clock::now();
    InterruptReason reason = InterruptReason::kNone;
    if (now >= deadline_) {
      reason = InterruptReason::kTimeout;
    } else if (MallocBytesInUse() > malloc_budget_bytes_) {
      reason = InterruptReason::kOutOfMemory;
    }
    if (reason != InterruptReason::kNone) {
      // Once per task: the callback ends it; asking again would only
      // interrupt whatever runs next.
      armed_ = false;
      reason_.store(reason);
      request_interrupt_();
      continue;
    }
    changed_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(kPollInterval, deadline_ - now));
  }
}

}  // namespace sandtab::script
