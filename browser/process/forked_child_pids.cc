#include "browser/process/forked_child_pids.h"

#include <string>

namespace sandtab::browser {

std::optional<ForkedChildPids::Match> ForkedChildPids::Complete(uint64_t request_id, const Halves& halves) {
  if (halves.zygote_ns_pid == 0 || halves.child_ns_pid == 0) return std::nullopt;
  return Match{request_id, halves.zygote_ns_pid, halves.pid};
}

Result<std::optional<ForkedChildPids::Match>> ForkedChildPids::Take(uint64_t request_id) {
  auto it = halves_.find(request_id);
  // A copy: a refusal erases the entry before it says what the halves were.
  const Halves halves = it->second;
  if (halves.zygote_ns_pid != 0 && halves.child_ns_pid != 0 && halves.zygote_ns_pid != halves.child_ns_pid) {
    halves_.erase(it);
    return Error{"fork " + std::to_string(request_id) + ": the child says it is pid " +
                 std::to_string(halves.child_ns_pid) + ", the zygote says " + std::to_string(halves.zygote_ns_pid)};
  }
  std::optional<Match> match = Complete(request_id, halves);
  if (match) halves_.erase(it);
  return match;
}

Result<std::optional<ForkedChildPids::Match>> ForkedChildPids::OnZygoteWord(uint64_t request_id, int ns_pid) {
  if (ns_pid <= 0) return Error{"Forked names pid " + std::to_string(ns_pid)};
  Halves& halves = halves_[request_id];
  if (halves.zygote_ns_pid != 0) return Error{"a second Forked for fork " + std::to_string(request_id)};
  halves.zygote_ns_pid = ns_pid;
  return Take(request_id);
}

Result<std::optional<ForkedChildPids::Match>> ForkedChildPids::OnChildWord(uint64_t request_id, int ns_pid, pid_t pid) {
  if (ns_pid <= 0) return Error{"ForkedChild names pid " + std::to_string(ns_pid)};
  if (pid <= 0) return Error{"ForkedChild came from a sender the kernel did not name"};
  Halves& halves = halves_[request_id];
  if (halves.child_ns_pid != 0) return Error{"a second ForkedChild for fork " + std::to_string(request_id)};
  halves.child_ns_pid = ns_pid;
  halves.pid = pid;
  return Take(request_id);
}

std::optional<uint64_t> ForkedChildPids::ForgetSilentChild(int ns_pid) {
  for (auto it = halves_.begin(); it != halves_.end(); ++it) {
    if (it->second.zygote_ns_pid == ns_pid && it->second.child_ns_pid == 0) {
      const uint64_t request_id = it->first;
      halves_.erase(it);
      return request_id;
    }
  }
  return std::nullopt;
}

}  // namespace sandtab::browser
