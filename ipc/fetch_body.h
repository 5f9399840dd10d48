// The 64 KiB rule for fetch bodies, both halves in one place: a body up to
// kMaxInlineBodyBytes travels inside its FetchResponse; a larger one in a
// memfd sealed against writes and resizing, one fd beside the message, which
// the renderer maps read-only (DESIGN section 5: message passing wins for
// small data, shared memory for large; and no body needs a 16 MiB frame).
#ifndef SANDTAB_IPC_FETCH_BODY_H_
#define SANDTAB_IPC_FETCH_BODY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "ipc/shared_buffer.h"
#include "proto/renderer.pb.h"

namespace sandtab::ipc {

inline constexpr size_t kMaxInlineBodyBytes = 64 * 1024;

// Whether a body of `size` bytes travels in a memfd.
constexpr bool BodyTravelsInMemory(size_t size) { return size > kMaxInlineBodyBytes; }

// The sender's half: puts `body` into `response`, or into a frozen memfd
// appended to `fds` with its size in body_size. On error nothing is attached.
Status AttachFetchBody(std::string body, proto::FetchResponse* response, std::vector<UniqueFd>* fds);

// The receiver's half: the body of a received FetchResponse, viewed in place
// (the message's field, or a read-only mapping of the memfd this owns). The
// memfd's seals and size are checked before it is mapped.
class ReceivedFetchBody {
 public:
  static Result<ReceivedFetchBody> Read(const proto::FetchResponse& response, std::vector<UniqueFd>& fds);

  // Valid while this object and the response live.
  std::string_view bytes() const { return bytes_; }

 private:
  std::optional<SharedBuffer> mapping_;
  std::string_view bytes_;
};

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_FETCH_BODY_H_
