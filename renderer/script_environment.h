#ifndef SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_
#define SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "renderer/page_scripts.h"
#include "renderer/storage_link.h"

namespace sandtab::renderer {

// What every document's scripts in this renderer share, from one document
// to the next: the process's JavaScript engine (none under
// --disable-javascript), the storage channel that document.cookie and
// localStorage ask the browser on, whether the tab is in the background
// (PageVisibility: a hidden page's timers and frames are throttled) and the
// one-shot's virtual time budget. It makes each document's PageScripts in
// that state, and carries a change of visibility to the current one.
class ScriptEnvironment {
 public:
  // `engine`: nullptr under --disable-javascript.
  ScriptEnvironment(boost::asio::io_context& io, script::JsEngine* engine, int virtual_time_budget_ms)
      : io_(io), engine_(engine), virtual_time_budget_ms_(virtual_time_budget_ms) {}

  bool enabled() const { return engine_ != nullptr; }

  // A document's scripts, hidden if the tab is; nullptr with the reason in
  // `error`. Only when enabled().
  std::unique_ptr<PageScripts> Create(std::string_view html, const std::string& url, PageScripts::Delegate* delegate,
                                      std::string* error);

  // The tab went to the background or came back; `current` (may be null)
  // is the document's scripts now, later ones are made that way.
  void SetHidden(bool hidden, PageScripts* current);
  bool hidden() const { return hidden_; }

  // The browser's StorageChannel message: exactly one socket, once.
  Status AdoptStorageChannel(std::vector<UniqueFd> fds);
  // nullptr until the browser sent the channel (it keeps no storage for a
  // renderer it did not give one: document.cookie reads "").
  StorageLink* storage() { return storage_.get(); }

 private:
  boost::asio::io_context& io_;
  script::JsEngine* const engine_;
  const int virtual_time_budget_ms_;
  bool hidden_ = false;
  std::unique_ptr<StorageLink> storage_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_
