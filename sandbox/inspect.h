// The sandbox state of a process as seen from outside (the browser's task
// manager, `sandbox ID`): measured from /proc, not assumed.
#ifndef SANDTAB_SANDBOX_INSPECT_H_
#define SANDTAB_SANDBOX_INSPECT_H_

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace sandtab::sandbox {

struct ProcessSandboxStatus {
  pid_t pid = -1;
  std::string error;  // non-empty: /proc/PID could not be read (gone?)
  // true = a different namespace from the caller's own.
  bool user_ns = false, pid_ns = false, net_ns = false, ipc_ns = false, uts_ns = false, mnt_ns = false;
  int seccomp_mode = -1;       // 0 off, 1 strict, 2 filter (/proc/PID/status "Seccomp:")
  int seccomp_filters = -1;    // "Seccomp_filters:"
  bool no_new_privs = false;   // "NoNewPrivs:"
  uint64_t cap_effective = 0;  // "CapEff:" (in the process's own user namespace)
  uint64_t cap_permitted = 0;  // "CapPrm:"
  long uid = -1;               // real uid as the caller sees it ("Uid:")
  // Soft limits from /proc/PID/limits; nullopt = unlimited.
  std::optional<uint64_t> address_space, open_files, processes, file_size, core_size;
  int open_fds = -1;  // entries of /proc/PID/fd
  int threads = -1;   // Threads: of /proc/PID/status (what RLIMIT_NPROC counts, with any children)

  // Layer 1 and layer 2 both engaged: every namespace separate, seccomp
  // filter on, no-new-privs, no capability, limits set. (Open fds are
  // reported, not judged: a running child legitimately holds its buffers
  // and its event loop's fds besides 0-3; launch-time closing is tested.)
  bool FullySandboxed() const;
  // One line: "pid 1234: sandboxed (ns user,pid,net,ipc,uts,mnt; seccomp
  // filter; nnp; caps 0; fds 4; limits as=4096M nofile=128 ...)".
  std::string ToString() const;
};

ProcessSandboxStatus InspectProcess(pid_t pid);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_INSPECT_H_
