// One call the policy kills with SIGSYS. The arguments make each call
// harmless should the sandbox fail (tests run as root): an invalid
// argument, the process itself, or the test's own temporary folder.
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <functional>
#include <map>

#include "tests/sandbox/hostile.h"

namespace sandtab::sandbox::hostile {
namespace {

using Call = std::function<long(const std::string& tmpdir)>;

const std::map<std::string, Call>& Calls() {
  static const std::map<std::string, Call> calls = {
      // PTRACE_SEIZE (never ATTACH: no stop) of itself, which always fails.
      {"ptrace", [](const std::string&) { return syscall(SYS_ptrace, 0x4206, getpid(), 0, 0); }},
      {"process_vm_readv",
       [](const std::string&) { return syscall(SYS_process_vm_readv, getpid(), nullptr, 0, nullptr, 0, 0); }},
      {"process_vm_writev",
       [](const std::string&) { return syscall(SYS_process_vm_writev, getpid(), nullptr, 0, nullptr, 0, 0); }},
      {"mount",  // a filesystem type that does not exist, on its own folder
       [](const std::string& tmp) {
         return syscall(SYS_mount, "none", tmp.c_str(), "sandtab-no-such-fs", 0, nullptr);
       }},
      {"umount2", [](const std::string& tmp) { return syscall(SYS_umount2, (tmp + "/not-a-mount").c_str(), 0); }},
      {"unshare", [](const std::string&) { return syscall(SYS_unshare, 0); }},
      {"setns", [](const std::string&) { return syscall(SYS_setns, -1, 0); }},
      {"bpf", [](const std::string&) { return syscall(SYS_bpf, -1, nullptr, 0); }},
      {"keyctl", [](const std::string&) { return syscall(SYS_keyctl, -1, 0, 0, 0, 0); }},
      {"add_key", [](const std::string&) { return syscall(SYS_add_key, nullptr, nullptr, nullptr, 0, 0); }},
      {"perf_event_open", [](const std::string&) { return syscall(SYS_perf_event_open, nullptr, 0, -1, -1, 0); }},
      {"io_uring_setup", [](const std::string&) { return syscall(SYS_io_uring_setup, 0, nullptr); }},
      {"userfaultfd", [](const std::string&) { return syscall(SYS_userfaultfd, ~0); }},
      {"pivot_root", [](const std::string&) { return syscall(SYS_pivot_root, nullptr, nullptr); }},
      {"chroot", [](const std::string&) { return syscall(SYS_chroot, nullptr); }},
      {"init_module", [](const std::string&) { return syscall(SYS_init_module, nullptr, 0, ""); }},
      // Replacing the SIGSYS reporter (here only asking for it) is killed.
      {"rt_sigaction",
       [](const std::string&) {
         struct sigaction old;
         return syscall(SYS_rt_sigaction, SIGSYS, nullptr, &old, 8);
       }},
      // Not in the policy at all: the default verdict is kill.
      {"getitimer", [](const std::string&) { return syscall(SYS_getitimer, 0, nullptr); }},
  };
  return calls;
}

}  // namespace

std::vector<std::string> KillingCalls() {
  std::vector<std::string> names;
  for (const auto& [name, call] : Calls()) names.push_back(name);
  return names;
}

int RunKillingCall(const std::string& syscall_name, const std::string& tmpdir) {
  auto found = Calls().find(syscall_name);
  if (found == Calls().end()) return 2;
  long rc = found->second(tmpdir);
  Report(syscall_name + "-survived", rc, errno);
  return 0;
}

}  // namespace sandtab::sandbox::hostile
