// Every exit code a sandtab child process ends with on purpose, in one table
// both sides include: the children (sandbox set-up, sandtab-exec, the
// renderer, the zygote's forks) to exit with it, the browser to read a death
// back (browser/process/death_classifier.cc). The codes stay distinct and
// clear of 128+N, which shells and the SIGSYS reporter use for a death by
// signal N.
#ifndef SANDTAB_SANDBOX_EXIT_CODES_H_
#define SANDTAB_SANDBOX_EXIT_CODES_H_

#include <csignal>

#include "sandbox/setup_step.h"

namespace sandtab::sandbox {

// An allocation failed at the process's address-space limit (or the script
// engine ran out of its heap): the new-handler writes a line and exits with
// this, the browser's only way to tell "out of memory" from an abort.
inline constexpr int kExitOutOfMemory = 87;

// The program could not be started: sandtab-exec found no such program, or a
// zygote's fork could not make itself a renderer before any sandbox step of
// its own (those have a SetupStep). The shell's "command not found".
inline constexpr int kExitCannotStart = 127;

// Every SetupStep has its own code, SetupExitCode(step): 225 and up.
inline constexpr int kLastSetupExitCode = SetupExitCode(SetupStep::kCount) - 1;

static_assert(kLastSetupExitCode <= 255, "a set-up step's exit code must fit in a byte");
static_assert(kSetupExitCodeBase > 128 + SIGSYS, "set-up codes must not look like a death by a standard signal");
static_assert(kExitOutOfMemory < 128 && kExitCannotStart < 128, "no code looks like 128+signal");
static_assert(kExitOutOfMemory != kExitCannotStart, "every code names one cause");

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_EXIT_CODES_H_
