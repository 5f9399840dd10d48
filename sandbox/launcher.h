// Layer 1 of the sandbox: launch a program inside new namespaces, a minimal
// read-only filesystem view, resource limits, a clean fd table and
// environment, no-new-privs and (almost) no capabilities. See
// docs/sandbox.md for the step order and the reason for each constraint.
#ifndef SANDTAB_SANDBOX_LAUNCHER_H_
#define SANDTAB_SANDBOX_LAUNCHER_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/result.h"
#include "sandbox/profile.h"

namespace sandtab::sandbox {

// A zygote's children count against one RLIMIT_NPROC (64: processes and
// threads of the sandbox's uid in its user namespace).
inline constexpr int kMaxZygoteChildren = 16;

struct LaunchOptions {
  Profile profile = Profile::kRenderer;
  std::vector<std::string> argv;  // argv[0] = absolute path of the program
  int channel_fd = -1;            // becomes fd 3 in the child (-1: none)
  int log_fd = -1;                // becomes fd 2 (-1: /dev/null)
  int stdin_fd = -1;              // becomes fd 0 (-1: /dev/null); sandtab-exec passes its own
  int stdout_fd = -1;             // becomes fd 1 (-1: /dev/null); sandtab-exec passes its own
  bool sandboxed = true;          // false = --no-sandbox: same fd layout, no namespaces/limits
  // sandtab-exec: engage layer 2 before the program's main() through an
  // LD_PRELOAD of libsandtab_layer2_preload.so.
  bool layer2_before_main = false;
  // Where that library is; empty = beside the calling executable
  // (dirname of /proc/self/exe).
  std::string preload_library;
  // SIGKILL the child when the thread that called Launch() exits (Linux's
  // parent-death signal is per thread: only set this from a long-lived one).
  bool die_with_parent = false;
  // RLIMIT_NPROC instead of the profile's (0: the profile's). A zygote needs
  // room for every renderer it forks: they share its user namespace, where
  // the kernel counts processes and threads per uid.
  uint64_t process_limit = 0;
  // > 0: the launched process is a zygote (zygote_loop.h). After the last
  // layer-1 step it does not exec the program itself: it forks this many
  // children, which share all its namespaces and its uid exactly as the
  // renderer zygote's children do, and each child execs the program. The
  // zygote reaps them and _exits with their combined status
  // (ZygoteExitCode); Launch() returns the zygote's pid. 0: cold launch.
  int zygote_children = 0;
  // LD_BIND_NOW: every symbol resolved at exec rather than at its first
  // call. For the renderer zygote: its forked children then never write a
  // GOT entry (each a copy-on-write fault of a page shared with the zygote,
  // plus the lookup), ~60 fewer faults per renderer's first frame here.
  bool bind_now = false;
  // Folders to show read-only besides the program's own, e.g. the folder of
  // the program a wrapper (gdb --args, env) will exec.
  std::vector<std::string> extra_view_dirs;
};

// Starts argv[0] as a direct, waitable child of the caller; when sandboxed
// it is pid 1 of its own PID namespace. Thread-safe. Blocks only for the
// child's first set-up steps (a socket round trip), never until exec.
// Returns the child's pid (> 0), which the caller must reap, or why not, and
// then no child is left behind. A set-up step that fails later ends the
// child with SetupExitCode(step).
Result<pid_t> Launch(const LaunchOptions& options);

// File name of the LD_PRELOAD helper and the variable that carries the
// profile to it; both are removed from the environment by the helper.
inline constexpr char kPreloadLibraryName[] = "libsandtab_layer2_preload.so";
inline constexpr char kPreloadProfileVariable[] = "SANDTAB_SANDBOX_PROFILE";

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_LAUNCHER_H_
