// A real process that costs no exec: a clone of the caller sharing its
// memory and its fd table (CLONE_VM | CLONE_FILES, no CLONE_THREAD, so it
// has its own pid, is a waitable child that reports SIGCHLD, and a pidfd
// names it), parked in pause() with every signal blocked until SIGKILL.
//
// Why: the dispatch fuzzers' hosts need a child whose kills, reaping and
// death records are the real ones, once or more per input. posix_spawn of
// /bin/cat cost a fork-like clone, an exec and a dynamic link per input, and
// on a loaded machine a wait for the scheduler to run cat at all: ~90 inputs
// a second. This clone is one syscall.
//
// What sharing means, and why it is safe:
// * memory: the child runs only the instructions of the asm block below,
//   on registers (no stack, no TLS, no errno, nothing instrumented), and it
//   never returns to the caller's code;
// * fds: the table is shared, not copied, so the child holds no extra
//   reference to any fd (a copy would keep every socket open and hide every
//   hang-up while it lives), and its death closes nothing;
// * signals: all blocked (SIGKILL cannot be), so a Ctrl-C or a fuzzer's
//   timer never runs one of the caller's handlers on the caller's memory
//   from another process;
// * lifetime: PR_SET_PDEATHSIG kills it when its parent dies (a crashing
//   fuzzer leaves none behind), and it exits at once if the parent died
//   before that was set.
#ifndef SANDTAB_TESTS_FUZZ_PARKED_PROCESS_H_
#define SANDTAB_TESTS_FUZZ_PARKED_PROCESS_H_

#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace sandtab::fuzz {

// Whether this architecture has the parked clone (else callers spawn a
// program).
#if defined(__x86_64__)
inline constexpr bool kHasParkedProcess = true;
#else
inline constexpr bool kHasParkedProcess = false;
#endif

// The parked child's pid, or -1 with errno set (or where unsupported).
inline pid_t SpawnParkedProcess() {
#if defined(__x86_64__)
  static const uint64_t kEverySignal = ~uint64_t{0};
  const long parent = ::getpid();
  long result = SYS_clone;
  // clone(flags, newsp = 0: the child starts on the caller's stack pointer
  // and never touches memory through it, parent_tid, child_tid, tls).
  register long r10 asm("r10") = 0;
  register long r8 asm("r8") = 0;
  register long r9 asm("r9") = parent;
  register long r12 asm("r12") = reinterpret_cast<long>(&kEverySignal);
  asm volatile(
      "syscall\n\t"
      "test %%rax, %%rax\n\t"
      "jnz 9f\n\t"
      // The child. rt_sigprocmask(SIG_SETMASK, &every signal, NULL, 8).
      "mov %[sigprocmask], %%eax\n\t"
      "mov $2, %%edi\n\t"
      "mov %%r12, %%rsi\n\t"
      "xor %%edx, %%edx\n\t"
      "mov $8, %%r10d\n\t"
      "syscall\n\t"
      // prctl(PR_SET_PDEATHSIG, SIGKILL).
      "mov %[prctl], %%eax\n\t"
      "mov %[pdeathsig], %%edi\n\t"
      "mov %[sigkill], %%esi\n\t"
      "syscall\n\t"
      // The parent may have died before that: then exit(0).
      "mov %[getppid], %%eax\n\t"
      "syscall\n\t"
      "cmp %%r9, %%rax\n\t"
      "jne 2f\n\t"
      "1:\n\t"
      "mov %[pause], %%eax\n\t"
      "syscall\n\t"
      "jmp 1b\n\t"
      "2:\n\t"
      "mov %[exit], %%eax\n\t"
      "xor %%edi, %%edi\n\t"
      "syscall\n\t"
      "9:\n\t"
      : "+a"(result), "+r"(r10), "+r"(r8)
      : "D"(static_cast<long>(CLONE_VM | CLONE_FILES | SIGCHLD)), "S"(0L), "d"(0L), "r"(r9),
        "r"(r12), [sigprocmask] "i"(SYS_rt_sigprocmask), [prctl] "i"(SYS_prctl), [pdeathsig] "i"(PR_SET_PDEATHSIG),
        [sigkill] "i"(SIGKILL), [getppid] "i"(SYS_getppid), [pause] "i"(SYS_pause), [exit] "i"(SYS_exit)
      : "rcx", "r11", "memory", "cc");
  if (result < 0) {
    errno = static_cast<int>(-result);
    return -1;
  }
  return static_cast<pid_t>(result);
#else
  errno = ENOSYS;
  return -1;
#endif
}

}  // namespace sandtab::fuzz

#endif  // SANDTAB_TESTS_FUZZ_PARKED_PROCESS_H_
