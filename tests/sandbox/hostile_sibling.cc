// Siblings forked from one zygote (sandtab-exec --zygote=N) share a PID
// namespace and a uid. One of them is the victim (its pid is given); every
// other one attacks it. SAFETY if the sandbox failed: signal 0 and SIGCONT
// only, PTRACE_SEIZE (never ATTACH), reads only, zero-length writes, never
// kill(-1, ...).
//
// Both hold the same pipe: its read end as fd 0, its write end as fd 3.
// The victim writes one byte once it is ready and closes its fd 3; an
// attacker waits for that byte (without reading it) before it starts, and
// holds fd 3 until it ends. The victim waits until no writer is left
// (POLLHUP: every attacker is gone, however it ended) and then reports
// whether anything reached it.
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

#include "tests/sandbox/hostile.h"

namespace sandtab::sandbox::hostile {
namespace {

constexpr int kReadFd = 0;
constexpr int kWriteFd = 3;
constexpr int kWaitLimitMs = 15000;
constexpr size_t kCanarySize = 4096;

volatile sig_atomic_t g_signals = 0;
unsigned char g_canary[kCanarySize];

void OnSignal(int) { g_signals = g_signals + 1; }

long NowMs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

bool CanaryIntact() {
  for (size_t i = 0; i < kCanarySize; ++i)
    if (g_canary[i] != static_cast<unsigned char>(i * 7 + 1)) return false;
  return true;
}

int RunVictim() {
  for (size_t i = 0; i < kCanarySize; ++i) g_canary[i] = static_cast<unsigned char>(i * 7 + 1);
  struct sigaction action = {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGCONT, &action, nullptr);
  // Positive control: the counter sees a SIGCONT (one it sends itself).
  kill(getpid(), SIGCONT);
  bool detector_works = g_signals == 1;
  g_signals = 0;
  char ready = 'R';
  if (write(kWriteFd, &ready, 1) != 1) return 3;
  close(kWriteFd);
  // Until every attacker has closed its write end (exited or been killed).
  long deadline = NowMs() + kWaitLimitMs;
  bool hangup = false;
  while (!hangup && NowMs() < deadline) {
    pollfd fd = {kReadFd, POLLIN, 0};
    if (poll(&fd, 1, 50) > 0 && (fd.revents & POLLHUP)) hangup = true;
  }
  bool fine = detector_works && hangup && g_signals == 0 && CanaryIntact();
  std::printf("VICTIM pid=%d detector=%s attackers=%s signals=%d canary=%s\n", getpid(),
              detector_works ? "works" : "broken", hangup ? "gone" : "timeout", static_cast<int>(g_signals),
              CanaryIntact() ? "intact" : "changed");
  std::fflush(stdout);
  return fine ? 0 : 1;
}

// Until the victim's byte is in the pipe (FIONREAD: it stays there).
bool WaitForVictim() {
  long deadline = NowMs() + kWaitLimitMs;
  while (NowMs() < deadline) {
    int available = 0;
    if (ioctl(kReadFd, FIONREAD, &available) == 0 && available > 0) return true;
    timespec pause = {0, 2000000};
    nanosleep(&pause, nullptr);
  }
  return false;
}

// Every attempt that should fail politely (EPERM, or ESRCH from the kernel).
void AttackAll(pid_t victim) {
  const std::string proc = "/proc/" + std::to_string(victim);
  HOSTILE_REPORT("sibling-kill-signal0", kill(victim, 0));
  HOSTILE_REPORT("sibling-kill-sigcont", kill(victim, SIGCONT));
  HOSTILE_REPORT("sibling-process-group-sigcont", kill(0, SIGCONT));
  HOSTILE_REPORT("sibling-tkill-sigcont", syscall(SYS_tkill, victim, SIGCONT));
  HOSTILE_REPORT("sibling-tgkill-signal0", syscall(SYS_tgkill, victim, victim, 0));
  HOSTILE_REPORT("sibling-tgkill-sigcont", syscall(SYS_tgkill, victim, victim, SIGCONT));
  // The policy checks only the thread group (our own); the kernel must
  // refuse a thread that is not in it.
  HOSTILE_REPORT("sibling-tgkill-own-group-sibling-thread", syscall(SYS_tgkill, getpid(), victim, SIGCONT));
  siginfo_t info = {};
  info.si_code = SI_QUEUE;
  info.si_pid = getpid();
  HOSTILE_REPORT("sibling-rt-sigqueueinfo", syscall(SYS_rt_sigqueueinfo, victim, SIGCONT, &info));
  HOSTILE_REPORT("sibling-rt-tgsigqueueinfo", syscall(SYS_rt_tgsigqueueinfo, victim, victim, SIGCONT, &info));
  errno = 0;
  long pidfd = syscall(SYS_pidfd_open, victim, 0);
  Report("sibling-pidfd-open", pidfd, errno);  // errno of the call above
  HOSTILE_REPORT("sibling-pidfd-send-signal",
                 syscall(SYS_pidfd_send_signal, pidfd >= 0 ? pidfd : 0, SIGCONT, nullptr, 0));
  if (pidfd >= 0) close(static_cast<int>(pidfd));
  for (const char* file : {"/mem", "/environ", "/status", "/maps"}) {
    errno = 0;
    int fd = open((proc + file).c_str(), O_RDONLY | O_CLOEXEC);
    Report(std::string("sibling-open-proc") + file, fd, errno);  // errno of the call above
    if (fd >= 0) close(fd);
  }
  rlimit old_limit;
  HOSTILE_REPORT("sibling-prlimit64-read", syscall(SYS_prlimit64, victim, RLIMIT_NOFILE, nullptr, &old_limit));
  HOSTILE_REPORT("sibling-getpriority", syscall(SYS_getpriority, PRIO_PROCESS, victim));
  sched_param param;
  HOSTILE_REPORT("sibling-sched-getparam", syscall(SYS_sched_getparam, victim, &param));
  HOSTILE_REPORT("sibling-sched-getscheduler", syscall(SYS_sched_getscheduler, victim));
  cpu_set_t cpus;
  HOSTILE_REPORT("sibling-sched-getaffinity", syscall(SYS_sched_getaffinity, victim, sizeof(cpus), &cpus));
  void* head = nullptr;
  size_t length = 0;
  HOSTILE_REPORT("sibling-get-robust-list", syscall(SYS_get_robust_list, victim, &head, &length));
  __user_cap_header_struct cap_header = {_LINUX_CAPABILITY_VERSION_3, victim};
  __user_cap_data_struct cap_data[2];
  HOSTILE_REPORT("sibling-capget", syscall(SYS_capget, &cap_header, cap_data));
  HOSTILE_REPORT("sibling-getpgid", syscall(SYS_getpgid, victim));
  HOSTILE_REPORT("sibling-getsid", syscall(SYS_getsid, victim));
  HOSTILE_REPORT("sibling-ioprio-get", syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, victim));
  siginfo_t waited = {};
  HOSTILE_REPORT("sibling-waitid", syscall(SYS_waitid, P_PID, victim, &waited, WEXITED | WNOHANG, nullptr));
  // Positive control: signals to itself still work.
  HOSTILE_REPORT("self-kill-signal0", kill(getpid(), 0));
}

using KillingCall = std::function<long(pid_t victim)>;

// Each of these is a killing syscall: the attacker dies of SIGSYS on the
// first one, so each runs alone.
const std::map<std::string, KillingCall>& SiblingKillingCallTable() {
  static unsigned char buffer[16];
  static const std::map<std::string, KillingCall> calls = {
      {"ptrace",  // PTRACE_SEIZE: no stop, even if it succeeded
       [](pid_t victim) { return syscall(SYS_ptrace, 0x4206, victim, 0, 0); }},
      {"process_vm_readv",  // reads a few bytes into our own buffer
       [](pid_t victim) {
         iovec local = {buffer, sizeof(buffer)};
         iovec remote = {buffer, sizeof(buffer)};
         return syscall(SYS_process_vm_readv, victim, &local, 1, &remote, 1, 0);
       }},
      {"process_vm_writev",  // zero iovecs: writes nothing even if allowed
       [](pid_t victim) { return syscall(SYS_process_vm_writev, victim, nullptr, 0, nullptr, 0, 0); }},
      {"pidfd_getfd",  // no pidfd can be had; the call itself is killed
       [](pid_t) { return syscall(SYS_pidfd_getfd, 0, 0, 0); }},
      {"kcmp", [](pid_t victim) { return syscall(SYS_kcmp, getpid(), victim, KCMP_FILE, 0, 0); }},
      {"process_madvise", [](pid_t) { return syscall(SYS_process_madvise, 0, nullptr, 0, 0, 0); }},
  };
  return calls;
}

}  // namespace

int RunSibling(pid_t victim, const std::string& attack) {
  if (getpid() == victim) return RunVictim();
  std::printf("ATTACKER pid=%d victim=%d attack=%s\n", getpid(), victim, attack.c_str());
  std::fflush(stdout);
  if (!WaitForVictim()) return 4;
  if (attack == "all") {
    AttackAll(victim);
    return 0;
  }
  auto found = SiblingKillingCallTable().find(attack);
  if (found == SiblingKillingCallTable().end()) return 2;
  long rc = found->second(victim);
  Report("sibling-" + attack + "-survived", rc, errno);
  return 0;
}

}  // namespace sandtab::sandbox::hostile

namespace sandtab::sandbox::hostile {

int RunParked() {
  std::printf("PARKED %d\n", getpid());
  std::fflush(stdout);
  char byte;
  while (read(kReadFd, &byte, 1) > 0) {
  }
  return 0;
}

}  // namespace sandtab::sandbox::hostile
