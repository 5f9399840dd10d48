#include "renderer/fetch_queue.h"

#include <algorithm>
#include <utility>

#include "proto/limits.h"
#include "renderer/page/resource_store.h"

namespace sandtab::renderer {

// Subresource URLs the browser would refuse never become requests.
static_assert(ResourceStore::kMaxUrlBytes <= proto::kMaxUrlBytes);
// The browser kills a renderer with more than 256 requests outstanding.
static_assert(3 * FetchQueue::kMaxInFlight + 1 <= 256);

FetchQueue::FetchQueue(SendRequest send) : send_(std::move(send)) {}

size_t FetchQueue::Lane(Kind kind) {
  switch (kind) {
    case proto::FetchRequest::STYLESHEET:
      return 0;
    case proto::FetchRequest::SCRIPT:
    case proto::FetchRequest::FETCH:
      return 2;
    default:
      return 1;
  }
}

void FetchQueue::Request(std::string url, Kind kind, uint64_t token, std::optional<std::string> post_body) {
  Fetch fetch{kind, std::move(url), token, std::move(post_body)};
  if (kind == proto::FetchRequest::DOCUMENT || InFlightInLane(Lane(kind)) < kMaxInFlight) return Send(std::move(fetch));
  queued_[Lane(kind)].push_back(std::move(fetch));
}

std::optional<FetchQueue::Fetch> FetchQueue::TakeAnswered(uint64_t request_id) {
  auto it = outstanding_.find(request_id);
  if (it == outstanding_.end()) return std::nullopt;
  Fetch fetch = std::move(it->second);
  outstanding_.erase(it);
  SendQueued();
  return fetch;
}

void FetchQueue::Clear() {
  outstanding_.clear();
  for (auto& queue : queued_) queue.clear();
}

size_t FetchQueue::InFlight(Kind kind) const {
  return static_cast<size_t>(std::count_if(outstanding_.begin(), outstanding_.end(),
                                           [kind](const auto& entry) { return entry.second.kind == kind; }));
}

size_t FetchQueue::InFlightInLane(size_t lane) const {
  return static_cast<size_t>(std::count_if(outstanding_.begin(), outstanding_.end(), [lane](const auto& entry) {
    return entry.second.kind != proto::FetchRequest::DOCUMENT && Lane(entry.second.kind) == lane;
  }));
}

void FetchQueue::Send(Fetch fetch) {
  const uint64_t id = next_request_id_++;
  auto& stored = outstanding_[id] = std::move(fetch);
  send_(id, stored);
}

void FetchQueue::SendQueued() {
  for (size_t lane = 0; lane < 3; ++lane) {
    auto& queue = queued_[lane];
    while (!queue.empty() && InFlightInLane(lane) < kMaxInFlight) {
      Fetch next = std::move(queue.front());
      queue.pop_front();
      Send(std::move(next));
    }
  }
}

}  // namespace sandtab::renderer
