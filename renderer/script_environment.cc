#include "renderer/script_environment.h"

namespace sandtab::renderer {

std::unique_ptr<PageScripts> ScriptEnvironment::Create(std::string_view html, const std::string& url,
                                                       PageScripts::Delegate* delegate, std::string* error) {
  if (!engine_) {
    *error = "JavaScript is disabled (--disable-javascript)";
    return nullptr;
  }
  std::unique_ptr<PageScripts> scripts =
      PageScripts::Create(io_, *engine_, html, url, virtual_time_budget_ms_, delegate, error);
  if (scripts && hidden_) scripts->SetHidden(true);
  return scripts;
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
