#include "sandbox/setup_step.h"

#include <unistd.h>

#include "sandbox/async_safe.h"

namespace sandtab::sandbox {
namespace {

// Indexed by SetupStep; kept beside the enum's order.
constexpr const char* kStepNames[] = {
    "reset-signals",
    "join-network-namespace",
    "drop-supplementary-groups",
    "unshare-namespaces",
    "wait-for-id-maps",
    "file-descriptors",
    "capability-bounding-set",
    "switch-ids",
    "filesystem-view",
    "hostname",
    "resource-limits",
    "no-new-privileges",
    "capabilities",
    "parent-death-signal",
    "zygote-fork",
    "exec",
    "layer2-not-dumpable",
    "layer2-remove-filesystem",
    "layer2-drop-capabilities",
    "layer2-sigsys-handler",
    "layer2-seccomp",
    "layer2-preload",
};
static_assert(sizeof(kStepNames) / sizeof(kStepNames[0]) == static_cast<size_t>(SetupStep::kCount));

}  // namespace

const char* SetupStepName(SetupStep step) {
  int index = static_cast<int>(step);
  if (index < 0 || index >= static_cast<int>(SetupStep::kCount)) return "unknown";
  return kStepNames[index];
}

std::optional<std::string> SetupFailureStep(int exit_code) {
  int index = exit_code - kSetupExitCodeBase;
  if (index < 0 || index >= static_cast<int>(SetupStep::kCount)) return std::nullopt;
  return std::string(kStepNames[index]);
}

void FailSetupStep(SetupStep step, int error_number) {
  async_safe::LineBuffer line;
  line.Append("sandtab-sandbox: set-up failed: ")
      .Append(SetupStepName(step))
      .Append(": errno=")
      .AppendInt(error_number)
      .Append("\n");
  line.WriteTo(STDERR_FILENO);
  _exit(SetupExitCode(step));
}

}  // namespace sandtab::sandbox
