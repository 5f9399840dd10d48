// THE POLICY. Read top to bottom: named syscall sets with their verdict and
// the reason, then the argument-checked special cases. Every profile uses it.
// Every syscall not named here is killed (SIGSYS, reported by name).
#include "sandbox/seccomp_policy.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>

namespace sandtab::sandbox {
namespace {

struct SyscallSet {
  const char* name;
  Verdict verdict;
  std::vector<const char*> syscalls;
  const char* reason;
};

const std::vector<SyscallSet>& BaselineSets() {
  static const std::vector<SyscallSet> sets = {
      // ---- allowed ----
      {"event loop",
       Verdict::kAllow,
       {"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd2", "timerfd_create",
        "timerfd_settime", "timerfd_gettime", "poll", "ppoll", "select", "pselect6", "pipe2"},
       "Asio's epoll reactor: epoll, its eventfd interrupter, timerfd timers"},
      {"I/O on open fds",
       Verdict::kAllow,
       {"read",    "write",    "readv",  "writev",   "pread64",     "pwrite64",    "recvmsg",
        "sendmsg", "recvfrom", "sendto", "shutdown", "close",       "close_range", "fstat",
        "lseek",   "dup",      "dup2",   "dup3",     "getsockname", "getpeername", "getsockopt"},
       "the channel on fd 3, the log on fd 2, the shared buffers the browser sent"},
      {"memory",
       Verdict::kAllow,
       {"munmap", "madvise", "brk", "mremap", "msync"},
       "malloc, thread stacks, mapping shared pixel buffers (mmap, mprotect: see special cases)"},
      {"time",
       Verdict::kAllow,
       {"clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep"},
       "timers and frame pacing (usually the vDSO, not a syscall)"},
      {"threads and futexes",
       Verdict::kAllow,
       {"futex", "futex_waitv", "set_robust_list", "set_tid_address", "rseq", "sched_yield", "exit", "exit_group",
        "restart_syscall"},
       "locks, condition variables, thread start and exit"},
      {"signals",
       Verdict::kAllow,
       {"rt_sigprocmask", "rt_sigreturn", "sigaltstack", "rt_sigpending", "rt_sigsuspend"},
       "own signal handling (rt_sigaction: see special cases)"},
      {"harmless getters",
       Verdict::kAllow,
       {"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getrandom",
        "uname", "getrusage"},
       "answers about the process itself (in its own namespaces; sched_get*: see special "
       "cases)"},
      // ---- denied with EPERM: the program sees a failure and goes on ----
      {"filesystem by path",
       Verdict::kDeny,
       {"open",        "openat",      "openat2",       "creat",
        "access",      "faccessat",   "faccessat2",    "stat",
        "lstat",       "statx",       "statfs",        "fstatfs",
        "readlink",    "readlinkat",  "getdents",      "getdents64",
        "mkdir",       "mkdirat",     "rmdir",         "unlink",
        "unlinkat",    "rename",      "renameat",      "renameat2",
        "link",        "linkat",      "symlink",       "symlinkat",
        "chmod",       "fchmod",      "fchmodat",      "chown",
        "fchown",      "fchownat",    "lchown",        "truncate",
        "ftruncate",   "mknod",       "mknodat",       "utime",
        "utimes",      "utimensat",   "futimesat",     "chdir",
        "fchdir",      "getcwd",      "inotify_init1", "inotify_add_watch",
        "fsync",       "fdatasync",   "flock",         "fadvise64",
        "getxattr",    "lgetxattr",   "fgetxattr",     "listxattr",
        "llistxattr",  "flistxattr",  "setxattr",      "lsetxattr",
        "fsetxattr",   "removexattr", "lremovexattr",  "fremovexattr",
        "sendfile",    "splice",      "tee",           "copy_file_range",
        "memfd_create"},
       "no filesystem after layer 2; buffers come from the browser"},
      {"network",
       Verdict::kDeny,
       {"socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "setsockopt"},
       "every byte comes from the browser over fd 3"},
      {"new processes and programs",
       Verdict::kDeny,
       {"fork", "vfork", "execve", "execveat", "wait4", "waitid"},
       "a renderer never starts anything (clone: see special cases)"},
      {"other processes",
       Verdict::kDeny,
       {"tkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open", "pidfd_send_signal", "getpgid", "setpgid",
        "getsid", "setsid", "getpriority", "setpriority", "sched_setaffinity", "sched_setparam", "sched_setscheduler",
        "get_robust_list", "ioprio_get", "ioprio_set"},
       "signals and scheduling only for itself (kill/tgkill: see special cases)"},
      {"System V and POSIX IPC",
       Verdict::kDeny,
       {"shmget", "shmat", "shmdt", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop",
        "semctl", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr"},
       "shared memory is sealed memfds from the browser"},
      {"credentials and limits",
       Verdict::kDeny,
       {"setuid",   "setgid",      "setreuid",   "setregid", "setresuid", "setresgid", "setfsuid",
        "setfsgid", "setgroups",   "getgroups",  "capget",   "capset",    "setrlimit", "getrlimit",
        "seccomp",  "personality", "mlock",      "mlock2",   "munlock",   "mlockall",  "munlockall",
        "mincore",  "sysinfo",     "membarrier", "getcpu"},
       "nothing to gain; fail politely"},
      // ---- ENOSYS ----
      {"clone3",
       Verdict::kNoSys,
       {"clone3"},
       "seccomp cannot read clone3's flags (a pointer); ENOSYS makes glibc fall back to clone"},
  };
  return sets;
}

// The values in [first, end) except |except|, as aligned blocks a masked
// comparison matches: each case holds all 64 bits of the argument, so a
// value with any of the upper 32 bits set matches none and falls to the
// rule's "otherwise". The kernel reads an int argument's low 32 bits only:
// a rule that named just the one excluded value would let
// 0x1'0000'001f through as SIGSYS.
std::vector<ArgCase> ValuesExcept(uint64_t first, uint64_t end, uint64_t except, Verdict verdict) {
  std::vector<ArgCase> cases;
  auto add_range = [&](uint64_t from, uint64_t to) {
    while (from < to) {
      uint64_t block = from == 0 ? uint64_t{1} << 32 : from & -from;  // largest alignment of |from|
      while (block > to - from) block >>= 1;
      cases.push_back({from, verdict, ~(block - 1)});
      from += block;
    }
  };
  add_range(first, except);
  add_range(except + 1, end);
  return cases;
}

// Signal numbers the kernel knows are 1..64 (_NSIG); 0 and anything above
// are EINVAL anyway.
constexpr uint64_t kSignalNumberEnd = 65;

// mmap and mprotect with their protection (argument 2). A JIT maps code:
// only a profile that runs scripts without one can refuse PROT_EXEC, and
// then a compromised renderer cannot make the bytes it wrote executable.
// The mask tests one bit of all 64: any value with PROT_EXEC set is refused.
std::vector<Rule> MemoryRules(Profile profile) {
  if (profile != Profile::kRendererJitless) {
    return {{"mmap", Verdict::kAllow, -1, {}, "memory: malloc, thread stacks, the shared pixel buffers"},
            {"mprotect", Verdict::kAllow, -1, {}, "memory: guard pages, and the JIT's code (W^X)"}};
  }
  const std::vector<ArgCase> no_exec = {{0, Verdict::kAllow, PROT_EXEC}};
  return {{"mmap", Verdict::kDeny, 2, no_exec, "memory without PROT_EXEC (--js-flags=--jitless): EPERM with it"},
          {"mprotect", Verdict::kDeny, 2, no_exec, "memory without PROT_EXEC (--js-flags=--jitless): EPERM with it"}};
}

std::vector<Rule> SpecialCases(pid_t self) {
  auto self_pid = static_cast<uint64_t>(self);
  return {
      {"clone",
       Verdict::kDeny,
       0,
       {{kThreadCloneFlags, Verdict::kAllow}},
       "threads only (Pango resolves fonts on one); a new process gets EPERM"},
      {"kill", Verdict::kDeny, 0, {{self_pid, Verdict::kAllow}}, "signals to itself only"},
      {"tgkill", Verdict::kDeny, 0, {{self_pid, Verdict::kAllow}}, "raise()/pthread_kill in its own thread group only"},
      {"rt_sigaction", Verdict::kKill, 0, ValuesExcept(0, kSignalNumberEnd, SIGSYS, Verdict::kAllow),
       "the SIGSYS reporter cannot be replaced (so a violation cannot be swallowed): signal "
       "numbers 0-64 but SIGSYS, all 64 bits of the argument compared; SIGSYS, or any value "
       "with upper bits set (the kernel reads only the low 32), is killed"},
      {"newfstatat",
       Verdict::kEmptyPathElseDeny,
       -1,
       {},
       "glibc's fstat(fd) is newfstatat(fd, \"\", AT_EMPTY_PATH): the SIGSYS handler runs "
       "that as fstat(fd); a path, even with AT_EMPTY_PATH, gets EPERM"},
      {"fcntl",
       Verdict::kDeny,
       1,
       {{F_GETFD, Verdict::kAllow},
        {F_SETFD, Verdict::kAllow},
        {F_GETFL, Verdict::kAllow},
        {F_SETFL, Verdict::kAllow},
        {F_DUPFD_CLOEXEC, Verdict::kAllow},
        {F_GET_SEALS, Verdict::kAllow}},
       "fd flags, non-blocking mode, checking a buffer's seals"},
      {"ioctl",
       Verdict::kDeny,
       1,
       {{FIONBIO, Verdict::kAllow},
        {FIONREAD, Verdict::kAllow},
        {FIOCLEX, Verdict::kAllow},
        {FIONCLEX, Verdict::kAllow}},
       "Asio's non-blocking mode and available(); isatty()'s TCGETS gets EPERM"},
      {"prctl",
       Verdict::kDeny,
       0,
       {{PR_SET_NAME, Verdict::kAllow}, {PR_GET_NAME, Verdict::kAllow}},
       "thread names only"},
      // These take a pid: another process's answer would tell a renderer
      // which pids exist in its PID namespace (siblings forked from the same
      // zygote share it) and how they are scheduled. A thread may name
      // itself by its tid (the SIGSYS handler serves that as pid 0).
      {"sched_getparam",
       Verdict::kOwnTidElseDeny,
       0,
       {{0, Verdict::kAllow}, {self_pid, Verdict::kAllow}},
       "its own scheduling only (pid 0, its own pid or the calling thread's tid); another "
       "pid gets EPERM"},
      {"sched_getscheduler",
       Verdict::kOwnTidElseDeny,
       0,
       {{0, Verdict::kAllow}, {self_pid, Verdict::kAllow}},
       "its own scheduling only (pid 0, its own pid or the calling thread's tid); another "
       "pid gets EPERM"},
      {"sched_getaffinity",
       Verdict::kOwnTidElseDeny,
       0,
       {{0, Verdict::kAllow}, {self_pid, Verdict::kAllow}},
       "glib sizes Pango's thread pool by the CPUs it may run on (pid 0), "
       "pthread_getattr_np() asks for a thread's by its tid; another process's mask (a "
       "sibling's) gets EPERM"},
      {"prlimit64", Verdict::kDeny, 0, {{0, Verdict::kAllow}}, "its own limits only (it can lower, never raise them)"},
  };
}

// Dangerous: large kernel attack surface, or a way out of the namespaces.
const std::vector<std::string> kKilled = {
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "process_madvise",
    "pidfd_getfd",
    "kcmp",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "unshare",
    "setns",
    "bpf",
    "keyctl",
    "add_key",
    "request_key",
    "perf_event_open",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "userfaultfd",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "quotactl",
    "open_by_handle_at",
    "name_to_handle_at",
    "iopl",
    "ioperm",
    "modify_ldt",
    "syslog",
    "vmsplice",
    "mbind",
    "set_mempolicy",
    "migrate_pages",
    "move_pages",
    "settimeofday",
    "clock_settime",
    "adjtimex",
    "clock_adjtime",
    "sethostname",
    "setdomainname",
    "fanotify_init",
    "lookup_dcookie",
    "uselib",
    "vhangup",
};

}  // namespace

// Every profile has this one table; they differ in their resource limits
// (resource_limits.h) and in executable memory (MemoryRules).
std::vector<Rule> PolicyRules(Profile profile, pid_t self) {
  std::vector<Rule> rules;
  for (const SyscallSet& set : BaselineSets())
    for (const char* name : set.syscalls)
      rules.push_back({name, set.verdict, -1, {}, std::string(set.name) + ": " + set.reason});
  for (Rule& rule : MemoryRules(profile)) rules.push_back(std::move(rule));
  for (Rule& rule : SpecialCases(self)) rules.push_back(std::move(rule));
  for (const std::string& name : kKilled)
    rules.push_back({name, Verdict::kKill, -1, {}, "dangerous: killed and reported"});
  return rules;
}

const std::vector<std::string>& ExplicitlyKilledSyscalls() { return kKilled; }

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllow:
      return "allow";
    case Verdict::kDeny:
      return "EPERM";
    case Verdict::kNoSys:
      return "ENOSYS";
    case Verdict::kKill:
      return "kill (SIGSYS)";
    case Verdict::kOwnTidElseDeny:
      return "EPERM (the calling thread's own tid: as pid 0)";
    case Verdict::kEmptyPathElseDeny:
      return "EPERM (an empty path with AT_EMPTY_PATH: as fstat(fd))";
  }
  return "?";
}

}  // namespace sandtab::sandbox
