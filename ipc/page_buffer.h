#ifndef SANDTAB_IPC_PAGE_BUFFER_H_
#define SANDTAB_IPC_PAGE_BUFFER_H_

#include <cstddef>
#include <cstdint>

namespace sandtab::ipc {

// Bytes on an anonymous mapping of their own, for a buffer that is mostly
// room: a page costs memory only once something is written into it, and
// goes back to the kernel with the buffer. A heap block cannot promise
// that: malloc hands out memory an earlier, freed block already wrote, so
// a 64 KiB receive buffer that only ever holds a few small frames was,
// after a browser had run a while, 64 KiB resident per channel (about
// 1.3 MiB over ten tabs' channels, measured in docs/performance.md).
// A PROT_NONE page follows the bytes, so a read or write past the end
// faults at once, sanitizer or not.
class PageBuffer {
 public:
  PageBuffer() = default;
  // At least `bytes` (a whole number of pages); std::bad_alloc, as
  // operator new, if the kernel refuses the mapping.
  explicit PageBuffer(size_t bytes);
  ~PageBuffer();
  PageBuffer(PageBuffer&& other) noexcept;
  PageBuffer& operator=(PageBuffer&& other) noexcept;
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;

  uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  uint8_t& operator[](size_t i) const { return data_[i]; }

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_PAGE_BUFFER_H_
