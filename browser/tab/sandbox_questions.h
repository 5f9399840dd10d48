#ifndef SANDTAB_BROWSER_TAB_SANDBOX_QUESTIONS_H_
#define SANDTAB_BROWSER_TAB_SANDBOX_QUESTIONS_H_

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "base/result.h"
#include "proto/renderer.pb.h"

namespace sandtab::browser {

// The shell's `sandbox ID` questions a tab has put to its renderer (which
// probes its own sandbox and answers with a SandboxReport). Each is answered
// once: by the report with its id, or with null when the renderer dies, the
// tab swaps processes or closes. A report nobody asked for is a bad message.
class SandboxQuestions {
 public:
  using Callback = std::function<void(const proto::SandboxReport*)>;

  // Registers `callback`; returns the request id to send the renderer.
  uint64_t Ask(Callback callback);
  // The renderer's answer: its question's callback, or an error.
  Status OnReport(const proto::SandboxReport& report);
  // Every outstanding question is answered with null. A callback may ask
  // again: that question waits for the next answer.
  void FailAll();
  size_t outstanding() const { return pending_.size(); }

 private:
  uint64_t next_id_ = 1;
  std::vector<std::pair<uint64_t, Callback>> pending_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_SANDBOX_QUESTIONS_H_
