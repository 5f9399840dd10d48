// document.cookie and localStorage (DESIGN section 14): the page reaches
// neither directly. Each is a question to the binding's Owner (the
// renderer), which asks the browser over the storage channel and waits for
// the answer, as Chrome's renderer does:
//
// * document.cookie is a synchronous round trip on every get and set
//   (Chrome's RestrictedCookieManager sync call): the browser's cookies
//   change under the page (a fetch() response, another tab), so a copy in
//   the renderer would be stale. The Owner bounds the wait by a timeout;
//   past it the getter reads "" and the setter is dropped.
// * localStorage is a copy of the origin's map in the renderer, loaded once
//   per document on first use (Chrome's cached storage area); reads come
//   from the copy, each write goes to the browser, which commits it and
//   acknowledges it before the copy changes, so a write the page saw succeed
//   survives this renderer's crash.
//
// Documents that are not http(s) have neither: document.cookie is "" and
// localStorage throws SecurityError, as in Chrome for opaque origins.
#pragma once

#include <jsapi.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "renderer/script/script_context.h"

namespace sandtab::script {

class StorageBinding {
 public:
  using Items = std::vector<std::pair<std::string, std::string>>;
  // One change to the origin's localStorage.
  struct StorageChange {
    enum class Kind { kSet, kRemove, kClear };
    Kind kind = Kind::kSet;
    std::string key;
    std::string value;
  };

  // Every call blocks until the browser answered or the Owner's timeout
  // passed (an error then). `url` is the document's.
  class Owner {
   public:
    virtual ~Owner() = default;
    virtual Result<std::string> ReadCookies(const std::string& url) = 0;
    // An error is dropped, as browsers drop a cookie they refuse.
    virtual Status WriteCookie(const std::string& url, const std::string& line) = 0;
    virtual Result<Items> ReadStorage(const std::string& url) = 0;
    // A refusal past the quota reads "QuotaExceededError: ...".
    virtual Status ChangeStorage(const std::string& url, const StorageChange& change) = 0;
  };

  // Defines document.cookie and localStorage in the context's global.
  // `owner` null: neither reaches anything (cookie "", localStorage throws).
  static std::unique_ptr<StorageBinding> Create(ScriptContext& context, std::string url, Owner* owner,
                                                std::string* error);
  ~StorageBinding();
  StorageBinding(const StorageBinding&) = delete;
  StorageBinding& operator=(const StorageBinding&) = delete;

  // Internal, for the natives.
  const std::string& url() const { return url_; }
  Owner* owner() const { return owner_; }
  // http(s) documents only.
  bool has_storage() const;

 private:
  StorageBinding(ScriptContext& context, std::string url, Owner* owner)
      : url_(std::move(url)), owner_(owner), natives_(context.cx()), internal_(context.cx()) {}

  const std::string url_;
  Owner* const owner_;
  JS::PersistentRootedObject natives_;
  JS::PersistentRootedObject internal_;
};

}  // namespace sandtab::script
