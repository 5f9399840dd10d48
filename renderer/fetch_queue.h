#ifndef SANDTAB_RENDERER_FETCH_QUEUE_H_
#define SANDTAB_RENDERER_FETCH_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "proto/renderer.pb.h"

namespace sandtab::renderer {

// The renderer's fetches that the browser has not answered yet. Every
// request goes to the browser (a renderer has no network or files), at most
// kMaxInFlight of each subresource kind at once: the browser kills a
// renderer with more than 256 outstanding (a bad message), and a page may
// reference up to ResourceStore::kMaxResources (512), so the rest wait here,
// as Chrome's ResourceScheduler holds back a page's requests rather than
// flooding the network service. Stylesheets, images and scripts' requests
// (<script src> and fetch()) queue apart, so a stylesheet (which blocks
// painting) never waits for images; 3 x 64 plus the document stays under 256.
class FetchQueue {
 public:
  using Kind = proto::FetchRequest::Kind;
  struct Fetch {
    Kind kind;
    std::string url;
    uint64_t token = 0;  // the page's own name for it (a script's fetch id), handed back with the answer
    std::optional<std::string> post_body;  // a script's fetch() POST
  };
  // Sends one request to the browser; `request_id` is new for every request
  // of this renderer's life.
  using SendRequest = std::function<void(uint64_t request_id, const Fetch& fetch)>;

  static constexpr size_t kMaxInFlight = 64;

  explicit FetchQueue(SendRequest send);

  // Asks for `url` now, or queues it while kMaxInFlight of its kind are out.
  // A document is never held back.
  void Request(std::string url, Kind kind, uint64_t token = 0, std::optional<std::string> post_body = std::nullopt);
  // The fetch an answer is for, no longer outstanding; the queued requests
  // its place frees are sent. Nothing for an id not outstanding (an answer
  // for a navigation already left).
  std::optional<Fetch> TakeAnswered(uint64_t request_id);
  // A new navigation: the answers owed and the requests queued are the old
  // document's. Request ids keep counting, so a late answer matches nothing.
  void Clear();

  size_t InFlight(Kind kind) const;
  size_t queued() const { return queued_[0].size() + queued_[1].size() + queued_[2].size(); }

 private:
  void Send(Fetch fetch);
  void SendQueued();

  SendRequest send_;
  uint64_t next_request_id_ = 1;
  std::map<uint64_t, Fetch> outstanding_;  // asked, not answered
  static size_t Lane(Kind kind);           // 0 stylesheets, 1 images, 2 scripts' requests
  size_t InFlightInLane(size_t lane) const;
  std::deque<Fetch> queued_[3];  // not asked yet, by lane
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_FETCH_QUEUE_H_
