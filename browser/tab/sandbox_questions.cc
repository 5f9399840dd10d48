#include "browser/tab/sandbox_questions.h"

namespace sandtab::browser {

uint64_t SandboxQuestions::Ask(Callback callback) {
  const uint64_t id = next_id_++;
  pending_.emplace_back(id, std::move(callback));
  return id;
}

Status SandboxQuestions::OnReport(const proto::SandboxReport& report) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->first == report.request_id()) {
      Callback callback = std::move(it->second);
      pending_.erase(it);
      callback(&report);
      return OkStatus();
    }
  }
  return Error{"SandboxReport nobody asked for"};
}

void SandboxQuestions::FailAll() {
  auto questions = std::move(pending_);
  pending_.clear();
  for (auto& [id, callback] : questions) callback(nullptr);
}

}  // namespace sandtab::browser
