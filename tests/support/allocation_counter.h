#ifndef SANDTAB_TESTS_SUPPORT_ALLOCATION_COUNTER_H_
#define SANDTAB_TESTS_SUPPORT_ALLOCATION_COUNTER_H_

#include <cstddef>
#include <cstdint>

namespace sandtab::test {

// Linking this file replaces the global operator new/delete (every form) with
// ones that count calls and remember the largest request, then use malloc.
// The counters are per thread, so another thread's work does not show.
struct AllocationStats {
  uint64_t count = 0;  // operator new calls
  size_t largest = 0;  // largest single request, in bytes
};

// Counts the allocations this thread makes while it lives.
class ScopedAllocationCounter {
 public:
  ScopedAllocationCounter();
  ~ScopedAllocationCounter();
  ScopedAllocationCounter(const ScopedAllocationCounter&) = delete;
  ScopedAllocationCounter& operator=(const ScopedAllocationCounter&) = delete;

  AllocationStats stats() const;

 private:
  AllocationStats saved_;
};

// Allocations this thread made since it started (never reset).
uint64_t ThreadAllocationCount();

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_ALLOCATION_COUNTER_H_
