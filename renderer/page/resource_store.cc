#include "renderer/page/resource_store.h"

#include <utility>

namespace sandtab::renderer {

ResourceStore::Entry* ResourceStore::Lookup(const std::string& url, ResourceRequest::Kind kind) {
  if (auto it = entries_.find(url); it != entries_.end()) return &it->second;
  if (entries_.size() >= kMaxResources || url.size() > kMaxUrlBytes) return nullptr;
  Entry& entry = entries_[url];
  entry.kind = kind;
  queue_.push_back({url, kind});
  ++outstanding_;
  if (kind == ResourceRequest::Kind::kStylesheet) ++outstanding_stylesheets_;
  return &entry;
}

const std::string* ResourceStore::Stylesheet(const std::string& url) {
  static const std::string kEmpty;
  Entry* entry = Lookup(url, ResourceRequest::Kind::kStylesheet);
  if (!entry || entry->kind != ResourceRequest::Kind::kStylesheet) return &kEmpty;
  if (entry->state == State::kRequested) return nullptr;
  return &entry->stylesheet;
}

void ResourceStore::RequestImage(const std::string& url) { Lookup(url, ResourceRequest::Kind::kImage); }

cairo_surface_t* ResourceStore::FindImage(const std::string& url) const {
  auto it = entries_.find(url);
  if (it == entries_.end() || it->second.kind != ResourceRequest::Kind::kImage) return nullptr;
  return it->second.image.get();
}

std::vector<ResourceRequest> ResourceStore::TakeRequests() { return std::exchange(queue_, {}); }

ResourceStore::Outcome ResourceStore::Supply(const std::string& url, bool ok, std::string_view bytes) {
  auto it = entries_.find(url);
  if (it == entries_.end() || it->second.state != State::kRequested) return Outcome::kIgnored;
  Entry& entry = it->second;
  --outstanding_;
  entry.state = State::kFailed;
  if (entry.kind == ResourceRequest::Kind::kStylesheet) {
    --outstanding_stylesheets_;
    if (ok && bytes.size() <= kMaxStylesheetBytes) {
      entry.stylesheet.assign(bytes);
      entry.state = State::kLoaded;
    }
    // A failed stylesheet still changes the page: it is no longer awaited.
    return Outcome::kStylesheetChanged;
  }
  if (ok) {
    CairoSurfacePtr image = DecodeImage(bytes);
    if (image) {
      const size_t size = static_cast<size_t>(cairo_image_surface_get_stride(image.get())) *
                          static_cast<size_t>(cairo_image_surface_get_height(image.get()));
      if (decoded_bytes_ + size <= kMaxDecodedImageBytes) {
        decoded_bytes_ += size;
        entry.image = std::move(image);
        entry.state = State::kLoaded;
        return Outcome::kImageChanged;
      }
    }
  }
  return Outcome::kIgnored;  // a failed image changes nothing on screen
}

}  // namespace sandtab::renderer
