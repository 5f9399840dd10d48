#include "renderer/fetch_queue.h"

#include <algorithm>
#include <utility>

#include "proto/limits.h"
#include "renderer/page/resource_store.h"

namespace sandtab::renderer {

// Subresource URLs the browser would refuse never become requests.
static_assert(ResourceStore::kMaxUrlBytes <= proto::kMaxUrlBytes);

FetchQueue::FetchQueue(SendRequest send) : send_(std::move(send)) {}

void FetchQueue::Request(std::string url, Kind kind) {
  if (kind == proto::FetchRequest::DOCUMENT || InFlight(kind) < kMaxInFlight) return Send({kind, std::move(url)});
  (kind == proto::FetchRequest::STYLESHEET ? queued_stylesheets_ : queued_images_).push_back({kind, std::move(url)});
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
  queued_stylesheets_.clear();
  queued_images_.clear();
}

size_t FetchQueue::InFlight(Kind kind) const {
  return static_cast<size_t>(std::count_if(outstanding_.begin(), outstanding_.end(),
                                           [kind](const auto& entry) { return entry.second.kind == kind; }));
}

void FetchQueue::Send(Fetch fetch) {
  const uint64_t id = next_request_id_++;
  auto& stored = outstanding_[id] = std::move(fetch);
  send_(id, stored);
}

void FetchQueue::SendQueued() {
  for (auto* queue : {&queued_stylesheets_, &queued_images_}) {
    while (!queue->empty() && InFlight(queue->front().kind) < kMaxInFlight) {
      Fetch next = std::move(queue->front());
      queue->pop_front();
      Send(std::move(next));
    }
  }
}

}  // namespace sandtab::renderer
