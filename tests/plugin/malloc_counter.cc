#include "tests/plugin/malloc_counter.h"

#include <atomic>
#include <cerrno>
#include <cstddef>

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* pointer);
}

namespace {
std::atomic<uint64_t> g_count{0};
std::atomic<uint64_t> g_new_count{0};
[[maybe_unused]] void Count() { g_count.fetch_add(1, std::memory_order_relaxed); }
}  // namespace

namespace sandtab::plugin::test {
uint64_t MallocCount() { return g_count.load(std::memory_order_relaxed); }
uint64_t NewCount() { return g_new_count.load(std::memory_order_relaxed); }
bool MallocCountingAvailable() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#else
  return true;
#endif
}
}  // namespace sandtab::plugin::test

#if !defined(__SANITIZE_ADDRESS__)
// AddressSanitizer owns malloc in its builds: replacing it there would hand
// glibc's memory to ASan's free. Only operator new is counted then.
extern "C" {
void* malloc(size_t size) {
  Count();
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  Count();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, size_t size) {
  Count();
  return __libc_realloc(pointer, size);
}
void* memalign(size_t alignment, size_t size) {
  Count();
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) {
  Count();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
  Count();
  void* pointer = __libc_memalign(alignment, size);
  if (!pointer) return ENOMEM;
  *out = pointer;
  return 0;
}
void free(void* pointer) { __libc_free(pointer); }
}
#endif  // !__SANITIZE_ADDRESS__

namespace {
void* CountedNew(size_t size) {
  g_new_count.fetch_add(1, std::memory_order_relaxed);
  if (void* pointer = malloc(size == 0 ? 1 : size)) return pointer;
  throw std::bad_alloc();
}
void* CountedAlignedNew(size_t size, std::align_val_t alignment) {
  g_new_count.fetch_add(1, std::memory_order_relaxed);
  void* pointer = nullptr;
  if (posix_memalign(&pointer, static_cast<size_t>(alignment), size == 0 ? 1 : size) != 0) throw std::bad_alloc();
  return pointer;
}
}  // namespace

void* operator new(size_t size) { return CountedNew(size); }
void* operator new[](size_t size) { return CountedNew(size); }
void* operator new(size_t size, std::align_val_t alignment) { return CountedAlignedNew(size, alignment); }
void* operator new[](size_t size, std::align_val_t alignment) { return CountedAlignedNew(size, alignment); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  g_new_count.fetch_add(1, std::memory_order_relaxed);
  return malloc(size == 0 ? 1 : size);
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* pointer) noexcept { free(pointer); }
void operator delete[](void* pointer) noexcept { free(pointer); }
void operator delete(void* pointer, size_t) noexcept { free(pointer); }
void operator delete[](void* pointer, size_t) noexcept { free(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { free(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { free(pointer); }
void operator delete(void* pointer, size_t, std::align_val_t) noexcept { free(pointer); }
void operator delete[](void* pointer, size_t, std::align_val_t) noexcept { free(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { free(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { free(pointer); }
