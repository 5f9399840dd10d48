// sandbox_hostile: what an attacker controlling a renderer would try,
// run under the real sandtab-exec by the tests. Every attempt prints one
//   ATTEMPT <name> allowed
//   ATTEMPT <name> denied errno=<n>
// line. SAFETY (tests run as root): every attempt is harmless if the
// sandbox fails -- signal 0 only, PTRACE_SEIZE of itself, mounts and files
// only inside the test's own temporary folder, never kill(-1, real signal).
#ifndef SANDTAB_TESTS_SANDBOX_HOSTILE_H_
#define SANDTAB_TESTS_SANDBOX_HOSTILE_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace sandtab::sandbox::hostile {

// Prints the ATTEMPT line for a call that returned |rc| (< 0: failed).
void Report(const std::string& name, long rc, int error);

// Evaluates |call| *before* reading errno (function arguments have no
// evaluation order, so Report(name, call(), errno) could read a stale errno).
#define HOSTILE_REPORT(name, call)                                  \
  do {                                                              \
    errno = 0;                                                      \
    long hostile_rc = static_cast<long>(call);                      \
    ::sandtab::sandbox::hostile::Report((name), hostile_rc, errno); \
  } while (0)

// hostile_attempts.cc: filesystem, network, processes, IPC. |args| are
// HOST_PID TMPDIR TCP_PORT ABSTRACT_NAME SYSV_KEY.
int RunAttempts(const std::vector<std::string>& args);
// hostile_limits.cc: environment, fds, resource exhaustion, positive
// controls, the fd-3 channel.
int RunInventory();
int RunChannel();
int RunThreads(int count, int hold_ms);
// hostile_kill.cc: one call that the policy kills; returns only if it did
// not (then prints the ATTEMPT line and exits 0).
int RunKillingCall(const std::string& syscall, const std::string& tmpdir);
// The syscalls RunKillingCall knows.
std::vector<std::string> KillingCalls();
// hostile_sibling.cc: under sandtab-exec --zygote=N, the copy whose pid is
// |victim| waits and reports whether it was touched ("VICTIM ..." line,
// exit 0 iff untouched); every other copy runs |attack| against it: "all"
// (the calls that fail politely, ATTEMPT lines) or one killing syscall.
// fd 0 and fd 3 must be the two ends of one pipe (see the file).
int RunSibling(pid_t victim, const std::string& attack);
// A process that prints "PARKED <pid>" and waits for EOF on fd 0.
int RunParked();

}  // namespace sandtab::sandbox::hostile

#endif  // SANDTAB_TESTS_SANDBOX_HOSTILE_H_
