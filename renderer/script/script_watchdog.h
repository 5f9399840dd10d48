// The renderer's own guard against a script that runs too long or allocates
// without end: a thread that asks SpiderMonkey to interrupt the main thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>

namespace sandtab::script {

enum class InterruptReason { kNone, kTimeout, kOutOfMemory };

// Each script task (a <script>, a timer, a microtask checkpoint, an eval) is
// Arm()ed when it starts and Disarm()ed when it ends. While armed, the
// thread wakes every few milliseconds: past the deadline, or with more bytes
// malloc'd than the budget (ArrayBuffer contents are malloc'd, and SpiderMonkey's
// heap cap does not count them), it records why and calls request_interrupt
// (JS_RequestInterruptCallback). The interrupt callback then TakeReason()s,
// and a reason other than kNone ends the task uncatchably. It must fire before
// the browser's hang timeout, which stays the authority.
class ScriptWatchdog {
 public:
  ScriptWatchdog(std::chrono::milliseconds timeout, size_t malloc_budget_bytes,
                 std::function<void()> request_interrupt);
  ~ScriptWatchdog();
  ScriptWatchdog(const ScriptWatchdog&) = delete;
  ScriptWatchdog& operator=(const ScriptWatchdog&) = delete;

  void Arm();
  void Disarm();
  // From the main thread: end the running task at its next interrupt check.
  void Interrupt(InterruptReason reason);
  InterruptReason reason() const { return reason_.load(); }
  InterruptReason TakeReason() { return reason_.exchange(InterruptReason::kNone); }

  // Bytes malloc'd and not freed, by the whole process (glibc's count).
  static size_t MallocBytesInUse();

 private:
  void Watch();

  const std::chrono::milliseconds timeout_;
  const size_t malloc_budget_bytes_;
  const std::function<void()> request_interrupt_;
  std::atomic<InterruptReason> reason_{InterruptReason::kNone};
  std::mutex mutex_;
  std::condition_variable changed_;
  bool armed_ = false;
  bool quitting_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace sandtab::script
