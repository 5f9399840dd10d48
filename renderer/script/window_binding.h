// The page's ways out of itself: fetch() and location. Neither reaches
// anything: each is a request to the binding's Owner (the renderer), which
// asks the browser; the browser's loader policy, private-network rule and
// grants decide, as for any subresource (DESIGN sections 12 and 13).
#pragma once

#include <jsapi.h>

#include <cstdint>
#include <memory>
#include <string>

#include "renderer/script/script_context.h"

namespace sandtab::script {

// What the browser answered to one fetch().
struct FetchAnswer {
  bool ok = false;
  std::string error;  // when !ok: the loader's reason ("refused: ...", "HTTP 404")
  int status = 0;     // 200 when ok; an HTTP error's status when the loader names one
  std::string body;
  std::string mime_type;
  std::string url;  // final, after redirects
};

class WindowBinding {
 public:
  class Owner {
   public:
    virtual ~Owner() = default;
    // fetch(): the absolute URL, "GET" or "POST", the request body. The
    // answer comes back through Settle(id, ...).
    virtual void Fetch(uint64_t id, const std::string& url, const std::string& method, const std::string& body) = 0;
    // location.href = url (absolute): the browser decides, as for a link.
    virtual void Navigate(const std::string& url) = 0;
  };

  // Defines `location` (window's and document's) and `fetch`, `Response`,
  // `Headers` in the context's global. `context` and `owner` outlive it.
  static std::unique_ptr<WindowBinding> Create(ScriptContext& context, std::string url, Owner* owner,
                                               std::string* error);
  ~WindowBinding();
  WindowBinding(const WindowBinding&) = delete;
  WindowBinding& operator=(const WindowBinding&) = delete;

  // Resolves (a Response) or rejects (a TypeError, as Chrome's "Failed to
  // fetch") fetch #id, as one task; its microtasks are the caller's
  // checkpoint. An unknown id (a settled one) is ignored.
  ScriptResult Settle(uint64_t id, const FetchAnswer& answer);
  size_t pending_fetches() const { return pending_; }

  // Internal, for the natives.
  const std::string& url() const { return url_; }
  Owner* owner() const { return owner_; }
  void FetchStarted() { ++pending_; }

 private:
  WindowBinding(ScriptContext& context, std::string url, Owner* owner)
      : context_(context), url_(std::move(url)), owner_(owner), natives_(context.cx()), internal_(context.cx()) {}

  ScriptContext& context_;
  const std::string url_;
  Owner* const owner_;
  size_t pending_ = 0;
  JS::PersistentRootedObject natives_;
  JS::PersistentRootedObject internal_;
};

}  // namespace sandtab::script
