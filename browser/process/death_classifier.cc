#include "browser/process/death_classifier.h"

#include "sandbox/exit_codes.h"
#include "sandbox/setup_step.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <cctype>

namespace sandtab::browser {

using proto::DeathRecord;

void ClassifyDeath(int wait_status, const DeathEvidence& evidence, DeathRecord* record) {
  record->set_exit_code(WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
  record->set_signal(WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0);
  if (evidence.recorded != DeathRecord::CAUSE_UNSPECIFIED) {
    record->set_cause(evidence.recorded);
    record->set_detail(evidence.recorded_detail);
    return;
  }
  if (WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGSYS) {
    record->set_cause(DeathRecord::SANDBOX_VIOLATION);
    record->set_detail(evidence.violation_syscall.empty() ? "unknown syscall" : evidence.violation_syscall);
    return;
  }
  if (WIFSIGNALED(wait_status)) {
    record->set_cause(DeathRecord::CRASHED);
    return;
  }
  if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == sandbox::kExitOutOfMemory) {
    record->set_cause(DeathRecord::OUT_OF_MEMORY);
    return;
  }
  // The sandbox's set-up steps fail closed with a code that names the step.
  if (WIFEXITED(wait_status)) {
    if (auto step = sandbox::SetupFailureStep(WEXITSTATUS(wait_status))) {
      record->set_cause(DeathRecord::LAUNCH_FAILED);
      record->set_detail("sandbox set-up failed: " + *step);
      return;
    }
  }
  record->set_cause(DeathRecord::EXITED);
}

std::string CauseName(DeathRecord::Cause cause) {
  switch (cause) {
    case DeathRecord::EXITED:
      return "exited";
    case DeathRecord::CRASHED:
      return "crashed";
    case DeathRecord::KILLED_BY_USER:
      return "killed_by_user";
    case DeathRecord::SANDBOX_VIOLATION:
      return "sandbox_violation";
    case DeathRecord::OUT_OF_MEMORY:
      return "out_of_memory";
    case DeathRecord::BAD_MESSAGE:
      return "bad_message";
    case DeathRecord::UNRESPONSIVE:
      return "unresponsive";
    case DeathRecord::LAUNCH_FAILED:
      return "launch_failed";
    default:
      return "unknown";
  }
}

std::string DescribeDeath(const DeathRecord& record) {
  std::string signal_text;
  if (record.signal() > 0) {
    const char* abbrev = sigabbrev_np(record.signal());
    signal_text = "signal " + std::to_string(record.signal()) + (abbrev ? std::string(": SIG") + abbrev : "");
  }
  switch (record.cause()) {
    case DeathRecord::EXITED:
      return "exited (code " + std::to_string(record.exit_code()) + ")";
    case DeathRecord::CRASHED:
      return "crashed (" + signal_text + ")";
    case DeathRecord::KILLED_BY_USER:
      return "killed by user";
    case DeathRecord::SANDBOX_VIOLATION:
      return "sandbox violation: " + record.detail();
    case DeathRecord::OUT_OF_MEMORY:
      return "out of memory";
    case DeathRecord::BAD_MESSAGE:
      return "bad message: " + record.detail();
    case DeathRecord::UNRESPONSIVE:
      return "unresponsive" + (record.detail().empty() ? "" : " (" + record.detail() + ")");
    case DeathRecord::LAUNCH_FAILED:
      return "launch failed: " + record.detail();
    default:
      return "ended";
  }
}

}  // namespace sandtab::browser
