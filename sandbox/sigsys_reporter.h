// The SIGSYS handler of layer 2. It serves the few calls the policy traps
// on purpose (Verdict::kOwnTidElseDeny: a thread naming itself by its tid;
// Verdict::kEmptyPathElseDeny: fstat through newfstatat) and otherwise
// reports a seccomp violation by name, then dies of SIGSYS.
// Contract with the browser: just before the process dies, exactly one line
//   sandtab-sandbox: sandbox violation: syscall=<nr> name=<name>\n
// goes to fd 2, and waitpid() then shows WTERMSIG == SIGSYS.
#ifndef SANDTAB_SANDBOX_SIGSYS_REPORTER_H_
#define SANDTAB_SANDBOX_SIGSYS_REPORTER_H_

namespace sandtab::sandbox {

inline constexpr char kViolationPrefix[] = "sandtab-sandbox: sandbox violation: ";

// Fills the handler's tables (syscall names, the calls it serves: libseccomp
// and the policy allocate, which a signal handler must not) and installs
// the SIGSYS handler. Returns 0 or errno.
// Must run before the filter is loaded: the filter kills rt_sigaction(SIGSYS).
int InstallSigsysReporter();

// Whether the policy traps |nr| as kOwnTidElseDeny in either profile (the
// handler serves those calls instead of reporting them). Each such call
// takes a pid as its first argument, 0 meaning the calling thread.
bool IsOwnTidSyscall(int nr);

// Whether the policy traps |nr| as kEmptyPathElseDeny in either profile:
// the handler runs newfstatat(fd, "", buf, AT_EMPTY_PATH) as fstat(fd, buf)
// and fails any other path or flags with EPERM. It reads the path the
// caller passed: a bad pointer faults in the caller's own process.
bool IsEmptyPathSyscall(int nr);

// Fills the handler's tables only (no handler): a zygote does it once
// before forking (PrepareLayer2) so that its children's
// InstallSigsysReporter has only the handler left to install.
void PrepareSigsysReporter();

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SIGSYS_REPORTER_H_
