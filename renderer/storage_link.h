#ifndef SANDTAB_RENDERER_STORAGE_LINK_H_
#define SANDTAB_RENDERER_STORAGE_LINK_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/result.h"
#include "base/unique_fd.h"
#include "ipc/frame_reader.h"
#include "proto/renderer.pb.h"
#include "renderer/script/storage_binding.h"

namespace sandtab::renderer {

// The renderer's end of its storage channel: a second socket to the browser
// (renderer.proto, StorageChannel) on which the page's document.cookie and
// localStorage ask and wait. Why a socket of its own: the answer must come
// back inside the script's call, and the main channel is read by the
// renderer's loop, which runs that very script; waiting on it here would
// mean running the loop's other work (the page's tasks, a navigation)
// inside a getter. On this socket nothing else ever arrives, so a blocking
// wait (poll, bounded by kAnswerTimeout) sees only its answer. Frames as on
// every channel (DESIGN section 3: a 4-byte little-endian length, then the
// message), one request at a time.
class StorageLink : public script::StorageBinding::Owner {
 public:
  using Items = script::StorageBinding::Items;
  using StorageChange = script::StorageBinding::StorageChange;
  // A browser that takes longer is stuck: the script goes on without the
  // answer (document.cookie reads "", a storage write throws).
  static constexpr std::chrono::milliseconds kAnswerTimeout{2000};

  explicit StorageLink(UniqueFd socket) : socket_(std::move(socket)) {}

  Result<std::string> ReadCookies(const std::string& url) override;
  Status WriteCookie(const std::string& url, const std::string& line) override;
  Result<Items> ReadStorage(const std::string& url) override;
  Status ChangeStorage(const std::string& url, const StorageChange& change) override;

  uint64_t calls() const { return next_id_ - 1; }

 private:
  // Sends `request` (its id set here) and waits for the reply with that id;
  // replies to requests that timed out earlier are skipped.
  Result<proto::StorageReply> Call(proto::StorageRequest& request);
  Status SendFrame(const std::string& bytes, std::chrono::steady_clock::time_point deadline);
  Result<proto::StorageReply> ReceiveReply(uint64_t id, std::chrono::steady_clock::time_point deadline);

  UniqueFd socket_;
  ipc::FrameReader reader_;
  uint64_t next_id_ = 1;
  std::string broken_;  // why the socket is of no more use, once it is not
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_STORAGE_LINK_H_
