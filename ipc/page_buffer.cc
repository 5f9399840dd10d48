#include "ipc/page_buffer.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <new>
#include <utility>

namespace sandtab::ipc {

PageBuffer::PageBuffer(size_t bytes) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  if (bytes > SIZE_MAX - 2 * page) throw std::bad_alloc();  // no room for the rounding and the guard
  const size_t rounded = (bytes + page - 1) / page * page;
  if (rounded == 0) return;
  void* mapping = ::mmap(nullptr, rounded + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) throw std::bad_alloc();
  data_ = static_cast<uint8_t*>(mapping);
  size_ = rounded;
  if (::mprotect(data_ + size_, page, PROT_NONE) != 0) {
    Release();
    throw std::bad_alloc();
  }
}

PageBuffer::~PageBuffer() { Release(); }

PageBuffer::PageBuffer(PageBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

PageBuffer& PageBuffer::operator=(PageBuffer&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void PageBuffer::Release() {
  if (data_) ::munmap(data_, size_ + static_cast<size_t>(::sysconf(_SC_PAGESIZE)));
  data_ = nullptr;
  size_ = 0;
}

}  // namespace sandtab::ipc
