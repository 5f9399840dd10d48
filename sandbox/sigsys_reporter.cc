#include "sandbox/sigsys_reporter.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "sandbox/async_safe.h"
#include "sandbox/seccomp_policy.h"

namespace sandtab::sandbox {
namespace {

// si_code of a seccomp trap (SYS_SECCOMP in <asm-generic/siginfo.h>).
constexpr int kSiCodeSeccomp = 1;

// Names of syscalls 0..kMaxSyscall, NUL-separated in one static buffer.
constexpr int kMaxSyscall = 512;
char g_name_storage[12 * 1024];
const char* g_names[kMaxSyscall] = {};
// The calls the policy traps for this handler to serve.
bool g_own_tid[kMaxSyscall] = {};     // kOwnTidElseDeny
bool g_empty_path[kMaxSyscall] = {};  // kEmptyPathElseDeny
bool g_tables_filled = false;

// Read from the policy table itself, in either profile, so that the
// handler serves exactly what the policy sends it.
void FillServedTables() {
  for (Profile profile : {Profile::kRenderer, Profile::kPlugin, Profile::kRendererJitless}) {
    for (const Rule& rule : PolicyRules(profile, 0)) {
      int nr = seccomp_syscall_resolve_name(rule.syscall.c_str());
      if (nr < 0 || nr >= kMaxSyscall) continue;
      if (rule.verdict == Verdict::kOwnTidElseDeny) g_own_tid[nr] = true;
      if (rule.verdict == Verdict::kEmptyPathElseDeny) g_empty_path[nr] = true;
    }
  }
}

// ~0.1 ms (512 lookups); a zygote fills them once for all its children.
void FillTables() {
  if (g_tables_filled) return;
  g_tables_filled = true;
  FillServedTables();
  size_t used = 0;
  for (int nr = 0; nr < kMaxSyscall; ++nr) {
    char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
    if (name == nullptr) continue;
    size_t length = strlen(name) + 1;
    if (used + length <= sizeof(g_name_storage)) {
      memcpy(g_name_storage + used, name, length);
      g_names[nr] = g_name_storage + used;
      used += length;
    }
    free(name);
  }
}

// The trapped call's first four arguments, and where its result goes.
struct TrappedCall {
  greg_t* args[4];
  greg_t* result;
};

TrappedCall ArgumentsOf(ucontext_t* context) {
#if defined(__x86_64__)
  greg_t* regs = context->uc_mcontext.gregs;
  return {{&regs[REG_RDI], &regs[REG_RSI], &regs[REG_RDX], &regs[REG_R10]}, &regs[REG_RAX]};
#elif defined(__aarch64__)
  auto* regs = reinterpret_cast<greg_t*>(context->uc_mcontext.regs);
  return {{&regs[0], &regs[1], &regs[2], &regs[3]}, &regs[0]};
#else
#error "the SIGSYS handler knows the syscall registers of x86-64 and arm64 only"
#endif
}

// A thread asking about itself by its tid gets the answer for pid 0, which
// the filter allows and which means the calling thread; any other pid
// (another process, a sibling renderer's thread) gets EPERM, as a plain
// kDeny would have given it. The result goes where the kernel would have
// put the call's.
void ServeOwnTidCall(int nr, ucontext_t* context) {
  TrappedCall call = ArgumentsOf(context);
  const int saved_errno = errno;
  long result = -EPERM;
  if (static_cast<pid_t>(*call.args[0]) == static_cast<pid_t>(syscall(SYS_gettid))) {
    result = syscall(nr, 0, *call.args[1], *call.args[2]);
    if (result == -1) result = -errno;
  }
  *call.result = static_cast<greg_t>(result);
  errno = saved_errno;
}

// newfstatat(fd, path, buf, flags): only fstat(fd) in disguise, glibc's
// fstat: AT_EMPTY_PATH and an empty path (or none: Linux 6.11 reads a
// null path with AT_EMPTY_PATH as empty). Then the fd is all the kernel
// looks at, and plain fstat (allowed) does the same. Anything else would
// look a path up, relative to the fd or the root: EPERM. The check and
// the call cannot race: fstat never reads the path.
void ServeEmptyPathStat(ucontext_t* context) {
  TrappedCall call = ArgumentsOf(context);
  const int saved_errno = errno;
  const auto* path = reinterpret_cast<const char*>(*call.args[1]);
  const bool empty_path = path == nullptr || path[0] == '\0';
  // The kernel reads flags as an int: its low 32 bits.
  const bool only_empty_path = static_cast<unsigned int>(*call.args[3]) == AT_EMPTY_PATH;
  long result = -EPERM;
  if (empty_path && only_empty_path) {
    result = syscall(SYS_fstat, static_cast<int>(*call.args[0]), *call.args[2]);
    if (result == -1) result = -errno;
  }
  *call.result = static_cast<greg_t>(result);
  errno = saved_errno;
}

void OnSigsys(int, siginfo_t* info, void* context) {
  // Only the kernel's seccomp trap; a SIGSYS the program sent itself
  // (allowed: its own signals) is not a violation and is ignored.
  if (info->si_code != kSiCodeSeccomp) return;
  int nr = info->si_syscall;
  if (nr >= 0 && nr < kMaxSyscall && g_own_tid[nr]) {
    ServeOwnTidCall(nr, static_cast<ucontext_t*>(context));
    return;
  }
  if (nr >= 0 && nr < kMaxSyscall && g_empty_path[nr]) {
    ServeEmptyPathStat(static_cast<ucontext_t*>(context));
    return;
  }
  const char* name = (nr >= 0 && nr < kMaxSyscall && g_names[nr]) ? g_names[nr] : "unknown";
  async_safe::LineBuffer line;
  line.Append(kViolationPrefix).Append("syscall=").AppendInt(nr).Append(" name=").Append(name);
  line.Append("\n").WriteTo(STDERR_FILENO);
  // Die *by SIGSYS*, even as pid 1 of a PID namespace (which ignores a
  // default-action signal it raises itself): make a call the filter always
  // traps. SIGSYS is blocked inside this handler, so the kernel's forced
  // delivery resets it to the default action and kills the process.
  syscall(SYS_kexec_load, 0, 0, nullptr, 0);
  // Only reached if no filter is loaded (cannot happen after layer 2).
  _exit(128 + SIGSYS);
}

}  // namespace

bool IsOwnTidSyscall(int nr) {
  FillTables();
  return nr >= 0 && nr < kMaxSyscall && g_own_tid[nr];
}

bool IsEmptyPathSyscall(int nr) {
  FillTables();
  return nr >= 0 && nr < kMaxSyscall && g_empty_path[nr];
}

void PrepareSigsysReporter() { FillTables(); }

int InstallSigsysReporter() {
  FillTables();
  struct sigaction action = {};
  action.sa_sigaction = OnSigsys;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0) return errno;
  // A mask inherited with SIGSYS blocked would lose the report.
  sigset_t sigsys;
  sigemptyset(&sigsys);
  sigaddset(&sigsys, SIGSYS);
  return pthread_sigmask(SIG_UNBLOCK, &sigsys, nullptr);
}

}  // namespace sandtab::sandbox
