// The renderer's side of fetching: every request goes to the browser over
// the channel (a renderer has no network or files), at most
// kMaxFetchesInFlight of each kind at once; the responses are handled in
// renderer_service.cc (OnFetchResponse).
#include "renderer/renderer_service.h"

#include <algorithm>

#include "proto/limits.h"
#include "renderer/page/resource_store.h"

namespace sandtab::renderer {
namespace {

// Requests of one kind out at once. The browser kills a renderer with more
// than 256 outstanding (a bad message), and a page may reference up to
// ResourceStore::kMaxResources (512): the rest wait here, as Chrome's
// ResourceScheduler holds back a page's requests rather than flooding the
// network service. Stylesheets and images have a budget each (2 x 64 plus
// the document stays under 256).
constexpr size_t kMaxFetchesInFlight = 64;
// Subresource URLs the browser would refuse never become requests.
static_assert(ResourceStore::kMaxUrlBytes <= proto::kMaxUrlBytes);

}  // namespace

void RendererService::Fetch(const std::string& url, proto::FetchRequest::Kind kind) {
  if (kind == proto::FetchRequest::DOCUMENT || InFlight(kind) < kMaxFetchesInFlight) {
    return SendFetchRequest({kind, url});
  }
  (kind == proto::FetchRequest::STYLESHEET ? queued_stylesheets_ : queued_images_).push_back({kind, url});
}

size_t RendererService::InFlight(proto::FetchRequest::Kind kind) const {
  return static_cast<size_t>(std::count_if(pending_.begin(), pending_.end(),
                                           [kind](const auto& entry) { return entry.second.kind == kind; }));
}

void RendererService::SendFetchRequest(PendingFetch fetch) {
  const uint64_t id = next_request_id_++;
  auto* message = channel_.Compose();
  auto* request = message->mutable_fetch_request();
  request->set_request_id(id);
  request->set_url(fetch.url);
  request->set_kind(fetch.kind);
  request->set_navigation_id(navigation_id_);
  pending_[id] = std::move(fetch);
  channel_.Send(message);
}

void RendererService::SendQueuedFetches() {
  for (auto* queue : {&queued_stylesheets_, &queued_images_}) {
    while (!queue->empty() && InFlight(queue->front().kind) < kMaxFetchesInFlight) {
      PendingFetch next = std::move(queue->front());
      queue->pop_front();
      SendFetchRequest(std::move(next));
    }
  }
}

void RendererService::RequestSubresources() {
  for (const ResourceRequest& request : page_->TakeResourceRequests()) {
    Fetch(request.url, request.kind == ResourceRequest::Kind::kStylesheet ? proto::FetchRequest::STYLESHEET
                                                                          : proto::FetchRequest::IMAGE);
  }
}

}  // namespace sandtab::renderer
