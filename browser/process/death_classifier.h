#ifndef SANDTAB_BROWSER_PROCESS_DEATH_CLASSIFIER_H_
#define SANDTAB_BROWSER_PROCESS_DEATH_CLASSIFIER_H_

#include <string>

#include "proto/death_record.pb.h"

namespace sandtab::browser {

// What the browser itself knew before the child was reaped.
struct DeathEvidence {
  proto::DeathRecord::Cause recorded = proto::DeathRecord::CAUSE_UNSPECIFIED;  // bad message, user, hang
  std::string recorded_detail;
  std::string violation_syscall;  // from the child's "sandbox violation" log line
};

// Fills cause, detail, exit_code and signal from a waitpid status and the
// evidence. What the browser did (kill for a bad message, the hang monitor,
// the user) outranks what the status says (they all look like SIGKILL).
void ClassifyDeath(int wait_status, const DeathEvidence& evidence, proto::DeathRecord* record);

// "crashed (signal 11: SIGSEGV)", "sandbox violation: ptrace", ...
std::string DescribeDeath(const proto::DeathRecord& record);
// "exited", "crashed", "killed_by_user", ... for --json.
std::string CauseName(proto::DeathRecord::Cause cause);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_DEATH_CLASSIFIER_H_
