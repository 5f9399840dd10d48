#include "tests/support/allocation_counter.h"

#include <cstdlib>
#include <new>

namespace sandtab::test {
namespace {

thread_local AllocationStats t_stats;

void* Allocate(size_t size, size_t alignment) {
  ++t_stats.count;
  if (size > t_stats.largest) t_stats.largest = size;
  if (size == 0) size = 1;
  void* p = nullptr;
  if (alignment <= alignof(std::max_align_t)) {
    p = std::malloc(size);
  } else if (::posix_memalign(&p, alignment, size) != 0) {
    p = nullptr;
  }
  return p;
}

void* AllocateOrThrow(size_t size, size_t alignment) {
  void* p = Allocate(size, alignment);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

ScopedAllocationCounter::ScopedAllocationCounter() : saved_(t_stats) { t_stats = {}; }

ScopedAllocationCounter::~ScopedAllocationCounter() {
  saved_.count += t_stats.count;
  if (t_stats.largest > saved_.largest) saved_.largest = t_stats.largest;
  t_stats = saved_;
}

AllocationStats ScopedAllocationCounter::stats() const { return t_stats; }

uint64_t ThreadAllocationCount() { return t_stats.count; }

}  // namespace sandtab::test

using sandtab::test::AllocateOrThrow;

void* operator new(size_t size) { return AllocateOrThrow(size, 0); }
void* operator new[](size_t size) { return AllocateOrThrow(size, 0); }
void* operator new(size_t size, std::align_val_t a) { return AllocateOrThrow(size, static_cast<size_t>(a)); }
void* operator new[](size_t size, std::align_val_t a) { return AllocateOrThrow(size, static_cast<size_t>(a)); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  try {
    return AllocateOrThrow(size, 0);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
