#include "sandbox/sigsys_reporter.h"

#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/async_safe.h"

namespace sandtab::sandbox {
namespace {

// si_code of a seccomp trap (SYS_SECCOMP in <asm-generic/siginfo.h>).
constexpr int kSiCodeSeccomp = 1;

// Names of syscalls 0..kMaxSyscall, NUL-separated in one static buffer.
constexpr int kMaxSyscall = 512;
char g_name_storage[12 * 1024];
const char* g_names[kMaxSyscall] = {};
bool g_names_filled = false;

// ~0.1 ms (512 lookups); a zygote fills it once for all its children.
void FillNameTable() {
  if (g_names_filled)
    return;
  g_names_filled = true;
  size_t used = 0;
  for (int nr = 0; nr < kMaxSyscall; ++nr) {
    char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
    if (name == nullptr)
      continue;
    size_t length = strlen(name) + 1;
    if (used + length <= sizeof(g_name_storage)) {
      memcpy(g_name_storage + used, name, length);
      g_names[nr] = g_name_storage + used;
      used += length;
    }
    free(name);
  }
}

void OnSigsys(int, siginfo_t* info, void*) {
  // Only the kernel's seccomp trap; a SIGSYS the program sent itself
  // (allowed: its own signals) is not a violation and is ignored.
  if (info->si_code != kSiCodeSeccomp)
    return;
  int nr = info->si_syscall;
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

void PrepareSigsysReporter() {
  FillNameTable();
}

int InstallSigsysReporter() {
  FillNameTable();
  struct sigaction action = {};
  action.sa_sigaction = OnSigsys;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0)
    return errno;
  // A mask inherited with SIGSYS blocked would lose the report.
  sigset_t sigsys;
  sigemptyset(&sigsys);
  sigaddset(&sigsys, SIGSYS);
  return pthread_sigmask(SIG_UNBLOCK, &sigsys, nullptr);
}

}  // namespace sandtab::sandbox
