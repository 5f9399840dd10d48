#ifndef SANDTAB_BROWSER_PROCESS_FORKED_CHILD_PIDS_H_
#define SANDTAB_BROWSER_PROCESS_FORKED_CHILD_PIDS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>

#include "base/result.h"

namespace sandtab::browser {

// Pairs the two words that answer one fork of the zygote, which arrive in
// either order on the zygote's channel (the child usually speaks first):
// the zygote's Forked (request id -> the child's pid in the zygote's PID
// namespace) and the child's own ForkedChild, whose sender the kernel names
// with the pid the browser sees (SCM_CREDENTIALS). Pure bookkeeping: the
// launcher checks the pair against /proc before it trusts it.
class ForkedChildPids {
 public:
  struct Match {
    uint64_t request_id = 0;
    int ns_pid = 0;
    pid_t pid = 0;  // as the browser's PID namespace names it
  };

  // The zygote's word. A Match once the child's word is in too; an error for
  // a request that already has the zygote's word.
  Result<std::optional<Match>> OnZygoteWord(uint64_t request_id, int ns_pid);
  // The child's word, with the kernel's name for its sender. An error for a
  // second word on one request, a sender the kernel did not name (pid <= 0)
  // or a child whose ns_pid is not the zygote's.
  Result<std::optional<Match>> OnChildWord(uint64_t request_id, int ns_pid, pid_t pid);
  // A child that ended before it spoke: the request it answers, forgotten.
  std::optional<uint64_t> ForgetSilentChild(int ns_pid);
  // Forgets request_id (its launch ended another way).
  void Forget(uint64_t request_id) { halves_.erase(request_id); }
  void Clear() { halves_.clear(); }
  size_t size() const { return halves_.size(); }

 private:
  struct Halves {
    int zygote_ns_pid = 0;  // 0: the zygote has not spoken
    int child_ns_pid = 0;   // 0: the child has not spoken
    pid_t pid = 0;
  };
  static std::optional<Match> Complete(uint64_t request_id, const Halves& halves);
  Result<std::optional<Match>> Take(uint64_t request_id);

  std::map<uint64_t, Halves> halves_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_FORKED_CHILD_PIDS_H_
