#ifndef SANDTAB_IPC_SHARED_BUFFER_H_
#define SANDTAB_IPC_SHARED_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "base/result.h"
#include "base/unique_fd.h"

namespace sandtab::ipc {

// How this process maps a buffer. The browser only reads pixels, so it maps
// them read-only; a child paints, so it maps them writable.
enum class Access { kReadOnly, kReadWrite };

// Seals every shared buffer carries: the size is fixed for good, so a hostile
// peer can neither shrink it under our mapping (SIGBUS) nor grow it.
inline constexpr int kRequiredSeals = 0x0002 /*F_SEAL_SHRINK*/ | 0x0004 /*F_SEAL_GROW*/ | 0x0001 /*F_SEAL_SEAL*/;
// Seals of a frozen buffer (one writer, then only readers: a fetch body):
// its bytes are fixed for good as well, so no holder of the fd, not even
// the one that wrote it, can change them (write, or map it writable).
inline constexpr int kFrozenSeals = kRequiredSeals | 0x0008 /*F_SEAL_WRITE*/;

// A sealed memfd and this process's mapping of it (DESIGN section 5).
// Move-only; unmaps and closes on destruction.
class SharedBuffer {
 public:
  // Allocates `size` bytes (> 0): memfd_create, ftruncate, seal, map.
  static Result<SharedBuffer> Create(size_t size, const char* name, Access access);
  // Maps a buffer received from a peer after checking that it is a memfd
  // carrying kRequiredSeals and exactly `expected_size` bytes long. Anything
  // else is refused before mapping, and the fd is closed.
  static Result<SharedBuffer> Adopt(UniqueFd fd, size_t expected_size, Access access);
  // A read-only buffer holding `contents` (not empty), sealed with
  // kFrozenSeals. It is filled through the fd, never through a writable
  // mapping, which the kernel would not let F_SEAL_WRITE be added over.
  static Result<SharedBuffer> CreateFrozen(std::span<const uint8_t> contents, const char* name);
  // Adopt, read-only, of a buffer that must carry kFrozenSeals: the bytes
  // read now are the bytes every other holder sees, for good.
  static Result<SharedBuffer> AdoptFrozen(UniqueFd fd, size_t expected_size);

  SharedBuffer(SharedBuffer&& other) noexcept;
  SharedBuffer& operator=(SharedBuffer&& other) noexcept;
  SharedBuffer(const SharedBuffer&) = delete;
  SharedBuffer& operator=(const SharedBuffer&) = delete;
  ~SharedBuffer();

  size_t size() const { return size_; }
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  // Empty for a read-only mapping.
  std::span<uint8_t> writable_bytes() {
    return access_ == Access::kReadWrite ? std::span<uint8_t>{data_, size_} : std::span<uint8_t>{};
  }
  // Whether the memory's pages were ever written (by any process): the
  // cheapest way to map them differs.
  enum class Pages { kFresh, kExisting };
  // Maps every page writable in one call, before a writer paints all of
  // them, instead of one fault per 4 KiB. No-op for a read-only mapping.
  void PrefaultForWriting(Pages pages) { PrefaultForWriting(pages, 0, size_); }
  // The same for the pages holding bytes [offset, offset + length).
  void PrefaultForWriting(Pages pages, size_t offset, size_t length);
  // Gives every page of the memory back to the kernel (MADV_REMOVE): gone
  // from every process's mapping, read back as zeros, allocated afresh on
  // the next write. For a writer whose peer holds no frame in it (a back
  // buffer): a reader of this buffer would see it blank. Read-only: nothing.
  Status DiscardPages();
  // A new fd for the same memory, to send to a peer.
  Result<UniqueFd> Duplicate() const;
  int fd() const { return fd_.get(); }

 private:
  SharedBuffer(UniqueFd fd, uint8_t* data, size_t size, Access access);
  static Result<SharedBuffer> AdoptSealed(UniqueFd fd, size_t expected_size, Access access, int required_seals);
  void Unmap();

  UniqueFd fd_;
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  Access access_ = Access::kReadOnly;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_SHARED_BUFFER_H_
