// The subresources of one Page: which URLs were asked for, which arrived, and
// their parsed form (stylesheet text, decoded image). The renderer cannot
// fetch anything itself, so litehtml's synchronous callbacks consult this
// store and, on a miss, queue a request that the main loop forwards to the
// browser.
#ifndef SANDTAB_RENDERER_PAGE_RESOURCE_STORE_H_
#define SANDTAB_RENDERER_PAGE_RESOURCE_STORE_H_

#include <cairo.h>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "renderer/page/image_decoder.h"

namespace sandtab::renderer {

struct ResourceRequest {
  std::string url;
  enum class Kind { kStylesheet, kImage } kind;
};

class ResourceStore {
 public:
  // Hostile pages may reference unbounded numbers of resources; past these
  // caps references are treated as failed loads.
  static constexpr size_t kMaxResources = 512;
  // A longer URL would be refused by the browser (proto/limits.h; the
  // renderer checks the two agree): it fails here, without a request.
  static constexpr size_t kMaxUrlBytes = 2u << 20;
  static constexpr size_t kMaxStylesheetBytes = 4 * 1024 * 1024;
  static constexpr size_t kMaxDecodedImageBytes = 256 * 1024 * 1024;

  enum class Outcome { kIgnored, kStylesheetChanged, kImageChanged };

  // The stylesheet's text if it arrived (empty if it failed); nullptr while it
  // is outstanding. A first call queues the request.
  const std::string* Stylesheet(const std::string& url);
  // Queues an image request (once). The decoded image, if any, via FindImage().
  void RequestImage(const std::string& url);
  cairo_surface_t* FindImage(const std::string& url) const;

  std::vector<ResourceRequest> TakeRequests();
  // Records an arrival. Bytes for a URL never requested, or supplied twice,
  // are ignored: the browser answers requests, it does not push content.
  Outcome Supply(const std::string& url, bool ok, std::string_view bytes);
  bool HasOutstanding() const { return outstanding_ > 0; }
  bool HasOutstandingStylesheets() const { return outstanding_stylesheets_ > 0; }

 private:
  enum class State { kRequested, kLoaded, kFailed };
  struct Entry {
    ResourceRequest::Kind kind;
    State state = State::kRequested;
    std::string stylesheet;
    CairoSurfacePtr image;
  };

  // Returns the entry for `url`, creating and queueing it if new; nullptr
  // when the resource cap is reached or the URL is too long.
  Entry* Lookup(const std::string& url, ResourceRequest::Kind kind);

  std::map<std::string, Entry> entries_;
  std::vector<ResourceRequest> queue_;
  size_t outstanding_ = 0;
  size_t outstanding_stylesheets_ = 0;
  size_t decoded_bytes_ = 0;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_RESOURCE_STORE_H_
