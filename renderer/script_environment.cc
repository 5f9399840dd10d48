#include "renderer/script_environment.h"

#include <malloc.h>

namespace sandtab::renderer {

std::unique_ptr<PageScripts> ScriptEnvironment::Create(std::string_view html, const std::string& url,
                                                       PageScripts::Delegate* delegate, std::string* error) {
  if (!engine_) {
    *error = "JavaScript is disabled (--disable-javascript)";
    return nullptr;
  }
  std::unique_ptr<PageScripts> scripts =
      PageScripts::Create(io_, *engine_, html, url, virtual_time_budget_ms_, delegate, error, std::move(prepared_));
  if (scripts && hidden_) scripts->SetHidden(true);
  return scripts;
}

void ScriptEnvironment::PrepareContext() {
  if (!engine_ || prepared_) return;
  std::string error;
  prepared_ = PageScripts::PrepareContextAhead(*engine_, &error);  // on failure the document makes its own
}

void ScriptEnvironment::ReleasePreparedContext() {
  if (!prepared_) return;
  prepared_.reset();
  // No context is left: the engine's threads stop (a later document with
  // scripts starts them again), the runtime's malloc'd memory, which comes
  // back as free chunks glibc keeps resident (~300 KiB of the 1.5 MiB),
  // goes back too, and so do the pages of SpiderMonkey's code it mapped.
  engine_->StopThreads();
  ::malloc_trim(0);
  script::JsEngine::DropCodeMappings();
}

void ScriptEnvironment::ReleasePreparedContextSoon() {
  // Once, from the first frame: later frames do not put it off.
  if (!prepared_ || release_timer_.expiry() > std::chrono::steady_clock::now()) return;
  release_timer_.expires_after(kReleaseDelay);
  release_timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) ReleasePreparedContext();  // aborted: this environment is gone
  });
}

void ScriptEnvironment::SetHidden(bool hidden, PageScripts* current) {
  hidden_ = hidden;
  if (current) current->SetHidden(hidden);
}

Status ScriptEnvironment::AdoptStorageChannel(std::vector<UniqueFd> fds) {
  if (fds.size() != 1) return Error{"StorageChannel: without its socket"};
  if (storage_) return Error{"StorageChannel: sent twice"};
  storage_ = std::make_unique<StorageLink>(std::move(fds[0]));
  return OkStatus();
}

}  // namespace sandtab::renderer
