// Every sandbox set-up step has a name and a distinct exit code. A step that
// fails ends the process at once with that code (fail closed), after one
// line on fd 2; the browser maps the code back with SetupFailureStep() and
// reports "sandbox set-up failed: <step>".
#ifndef SANDTAB_SANDBOX_SETUP_STEP_H_
#define SANDTAB_SANDBOX_SETUP_STEP_H_

#include <optional>
#include <string>

namespace sandtab::sandbox {

// In execution order. Exit code = kSetupExitCodeBase + the enum value.
enum class SetupStep : int {
  // Layer 1, in the launched child before exec (launcher_child.cc).
  kResetSignals = 0,
  kJoinNetworkNamespace,
  kDropSupplementaryGroups,
  kUnshareNamespaces,
  kWaitForIdMaps,
  kFileDescriptors,
  kCapabilityBoundingSet,
  kSwitchIds,
  kFilesystemView,
  kHostname,
  kResourceLimits,
  kNoNewPrivileges,
  kCapabilities,
  kParentDeathSignal,
  kZygoteFork,  // zygote mode only (zygote_loop.cc): fork of a child failed
  kExec,
  // Layer 2, in the process itself (layer2.cc).
  kLayer2NotDumpable,
  kLayer2RemoveFilesystem,
  kLayer2DropCapabilities,
  kLayer2SigsysHandler,
  kLayer2Seccomp,
  kLayer2Preload,  // the LD_PRELOAD helper of sandtab-exec found no profile
  kCount,
};

// 225..246: above what programs usually use, below 128+signal ranges that
// shells use for 255 and the 128+N of common signals (129..159).
inline constexpr int kSetupExitCodeBase = 225;

constexpr int SetupExitCode(SetupStep step) { return kSetupExitCodeBase + static_cast<int>(step); }

// "unshare-namespaces", ...; never null.
const char* SetupStepName(SetupStep step);

// The step whose failure ends a process with |exit_code|, or nullopt when
// the code is not a set-up failure code.
std::optional<std::string> SetupFailureStep(int exit_code);

// Writes "sandtab-sandbox: set-up failed: <step>: errno=<n>\n" to fd 2 and
// _exits with the step's code. Async-signal-safe: callable after clone().
[[noreturn]] void FailSetupStep(SetupStep step, int error_number);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SETUP_STEP_H_
