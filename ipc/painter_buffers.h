#ifndef SANDTAB_IPC_PAINTER_BUFFERS_H_
#define SANDTAB_IPC_PAINTER_BUFFERS_H_

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "ipc/shared_buffer.h"

namespace sandtab::ipc {

// The painter's side of a double-buffered shared surface (DESIGN section 5):
// a renderer's tab surface, a plugin instance's. The two buffers the browser
// made, mapped writable once their seals and sizes are checked, and which of
// them the painter owns: a presented buffer is the browser's until it acks a
// newer frame, and a painter never paints a buffer the browser holds. The
// renderer's Surface and the plugin's InstanceSurface wrap this with Cairo.
class PainterBuffers {
 public:
  // `held_buffer` (-1 for none) is the browser's from the start: it still
  // shows the last frame of a painter that died. `what` names the message
  // that brought the buffers, for errors ("SetSurface", "CreateInstance").
  static Result<PainterBuffers> Adopt(std::vector<UniqueFd> fds, size_t bytes_each, int held_buffer,
                                      std::string_view what);

  std::span<uint8_t> writable_bytes(int buffer) { return buffers_[buffer].writable_bytes(); }
  SharedBuffer& buffer(int buffer) { return buffers_[buffer]; }

  // A buffer the painter may paint now, or -1 when the browser holds both.
  int FreeBuffer() const;
  bool Owns(int buffer) const { return buffer >= 0 && buffer < 2 && owned_[buffer]; }
  // Presented: the browser's until it acks.
  void MarkPresented(int buffer) { owned_[buffer] = false; }
  // The browser acked; false for a buffer it did not hold (a confused browser).
  bool MarkReturned(int buffer);

 private:
  PainterBuffers() = default;

  std::vector<SharedBuffer> buffers_;
  bool owned_[2] = {true, true};
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_PAINTER_BUFFERS_H_
