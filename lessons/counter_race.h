#ifndef SANDTAB_LESSONS_COUNTER_RACE_H_
#define SANDTAB_LESSONS_COUNTER_RACE_H_

#include <cstdint>

#include "base/result.h"

namespace sandtab::lessons {

class IpcJanitor;

// The course's race: two processes add 1 to one counter in a System V
// segment, N times each, each pinned to its own CPU and released together.
// kUnsynchronised is a load, an add and a store (the lost update when both
// run at once); kMutex takes a PTHREAD_PROCESS_SHARED mutex in the segment;
// kAtomic is one locked add. Each process also watches the other's progress,
// so a run knows whether the two really ran at the same time.
class CounterRace {
 public:
  enum class Kind { kUnsynchronised, kMutex, kAtomic };
  struct Run {
    int64_t expected = 0;
    int64_t actual = 0;
    bool overlapped = false;  // each saw the other half-way through
    int64_t lost() const { return expected - actual; }
  };

  explicit CounterRace(IpcJanitor& janitor) : janitor_(janitor) {}

  // One run: a fresh segment, two children adding `increments` each, the
  // counter read back.
  Result<Run> RunOnce(Kind kind, int64_t increments);
  static const char* Name(Kind kind);

 private:
  IpcJanitor& janitor_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_COUNTER_RACE_H_
