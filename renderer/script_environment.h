#ifndef SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_
#define SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
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

  // A spare's warm-up: the next document's script context made now, off
  // the path a scripted first page waits on (PageScripts::PrepareContext:
  // a runtime, its built-ins and an empty global, ~1.8 ms and ~320 page
  // faults; the engine's threads start). Create hands it to the next
  // document; nothing when disabled.
  // Only while no document's scripts exist: SpiderMonkey allows one
  // context per thread at a time.
  void PrepareContext();
  bool context_prepared() const { return prepared_ != nullptr; }
  // A document without scripts came instead: the context's memory goes
  // back (~1.5 MiB; what its runtime freed to malloc is trimmed too) and
  // the engine's threads stop.
  void ReleasePreparedContext();
  // The same a little later (kReleaseDelay), unless a document took the
  // context by then: the 0.5 ms it takes must not stand between a first
  // frame and the client's next command (the bench pins a tab's processes
  // to one CPU, as a busy machine may).
  void ReleasePreparedContextSoon();
  static constexpr std::chrono::milliseconds kReleaseDelay{100};

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
  std::unique_ptr<script::ScriptContext> prepared_;  // for the next document with scripts
  boost::asio::steady_timer release_timer_{io_};
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_SCRIPT_ENVIRONMENT_H_
