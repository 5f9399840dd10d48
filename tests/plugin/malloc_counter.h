#ifndef SANDTAB_TESTS_PLUGIN_MALLOC_COUNTER_H_
#define SANDTAB_TESTS_PLUGIN_MALLOC_COUNTER_H_

#include <cstdint>
#include <new>

namespace sandtab::plugin::test {

// Linking malloc_counter.cc replaces malloc and friends in this test binary
// (glibc supports that) with versions that count calls and forward to
// glibc's allocator. It counts C allocations too (cairo, protobuf), which a
// count of operator new alone would miss.
uint64_t MallocCount();
// operator new calls (C++ code: ours, protobuf, Asio, the standard library);
// they also show in MallocCount(), which adds C code such as cairo.
uint64_t NewCount();
// False in AddressSanitizer builds, where malloc is not replaced.
bool MallocCountingAvailable();

}  // namespace sandtab::plugin::test

#endif  // SANDTAB_TESTS_PLUGIN_MALLOC_COUNTER_H_
