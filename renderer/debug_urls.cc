#include "renderer/debug_urls.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sys/ptrace.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "sandbox/exit_codes.h"

namespace sandtab::renderer {
namespace {

void OnOutOfMemory() {
  static const char kMessage[] = "sandtab-renderer: out of memory (allocation failed)\n";
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  ::_exit(sandbox::kExitOutOfMemory);
}

[[noreturn]] void AllocateUntilTheLimit() {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of address space, so no RLIMIT_AS can
  // apply; stop at 1 GiB and take the same out-of-memory path.
  constexpr size_t kCap = size_t{1} << 30;
#else
  // Never trust that a limit is set (e.g. --no-sandbox): lower our own.
  rlimit limit;
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (rlim_t{2} << 30))) {
    limit.rlim_cur = rlim_t{2} << 30;
    ::setrlimit(RLIMIT_AS, &limit);
  }
  constexpr size_t kCap = SIZE_MAX;
#endif
  size_t total = 0;
  for (;;) {
    constexpr size_t kChunk = 16u << 20;
    // Straight from the kernel (page-aligned, so it can be populated whole);
    // mmap fails like malloc at the address-space limit.
    void* block = ::mmap(nullptr, kChunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED || total >= kCap) OnOutOfMemory();
    // Really use the memory: every page allocated and resident. The kernel
    // populates a chunk in one call; writing it page by page takes one fault
    // per page, slow enough on some VMs that 2 GiB outlasted the hang timeout
    // (a memory hog reported as a hang; docs/performance-history.md, "Page
    // faults"). Old kernels: write it.
    if (::madvise(block, kChunk, MADV_POPULATE_WRITE) != 0) std::memset(block, 0x5a, kChunk);
    total += kChunk;
  }
}

// A real SIGSEGV from a real memory access: a write to a page that may not
// be written. Not a write through null: that is undefined behaviour, which
// the compiler may delete along with the path that leads to it, and which
// UndefinedBehaviorSanitizer (sanitizer builds) reports with exit code 1
// instead of letting the fault happen.
[[noreturn]] void WriteToAProtectedPage() {
  void* page = ::mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page != MAP_FAILED) *static_cast<volatile int*>(page) = 42;
  ::raise(SIGSEGV);  // only if the page could not be made
  std::abort();
}

// about:threads starts at most this many threads in the life of a process:
// four times the sandbox's per-renderer budget (sandbox::kProcessLimit,
// 64), so that it runs into the budget and goes past it, and still a
// bounded number where no budget applies (--no-sandbox).
constexpr int kThreadBombThreads = 256;
// Enough for a thread that only waits (and for a sanitizer's bookkeeping).
constexpr size_t kThreadBombStack = 128 * 1024;

std::atomic<uint32_t> g_never_woken{0};

// Waits on a futex nobody wakes: costs no CPU, holds a task for good. Ends
// with the process, like every thread.
void* WaitForever(void*) {
  for (;;) ::syscall(SYS_futex, &g_never_woken, FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
  return nullptr;
}

// A thread bomb, as hostile code in a compromised renderer would start one
// to use up the threads every other renderer needs. The sandbox gives each
// renderer its own budget (sandbox/process_budget.h): the clone() past it
// fails with EAGAIN, and this renderer goes on serving its tab.
void StartThreadBomb() {
  static int started = 0;  // over every about:threads of this process
  int error = 0;
  pthread_attr_t attributes;
  ::pthread_attr_init(&attributes);
  ::pthread_attr_setstacksize(&attributes, kThreadBombStack);
  ::pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  while (started < kThreadBombThreads) {
    pthread_t thread;
    error = ::pthread_create(&thread, &attributes, &WaitForever, nullptr);
    if (error != 0) break;
    ++started;
  }
  ::pthread_attr_destroy(&attributes);
  const char* error_name = error != 0 ? strerrorname_np(error) : nullptr;
  std::fprintf(stderr, "sandtab-renderer: about:threads: %d threads waiting; the next one: %s\n", started,
               error_name ? error_name : "not tried (the bomb's own bound)");
}

}  // namespace

void InstallOutOfMemoryHandler() { std::set_new_handler(&OnOutOfMemory); }

bool IsDebugUrl(const std::string& url) {
  return url == "about:crash" || url == "about:abort" || url == "about:hang" || url == "about:oom" ||
         url == "about:badmessage" || url == "about:exit" || url == "about:ptrace" || url == "about:threads";
}

void RunDebugUrl(const std::string& url, const std::function<void()>& send_bad_message) {
  if (url == "about:crash") {
    WriteToAProtectedPage();
  } else if (url == "about:abort") {
    // Not std::abort(): libmozjs exports an abort() of its own (mozalloc's,
    // a MOZ_CRASH that faults: SIGSEGV), which the renderer's calls bind to.
    // What this URL shows is the C library's abort: SIGABRT.
    std::signal(SIGABRT, SIG_DFL);
    std::raise(SIGABRT);
    ::_exit(134);
  } else if (url == "about:hang") {
    for (volatile bool spin = true; spin;) {
    }
  } else if (url == "about:oom") {
    AllocateUntilTheLimit();
  } else if (url == "about:badmessage") {
    send_bad_message();
  } else if (url == "about:exit") {
    std::exit(0);
  } else if (url == "about:ptrace") {
    // A call the sandbox kills for (SIGSYS); harmless without a sandbox.
    ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
  } else if (url == "about:threads") {
    StartThreadBomb();
  }
}

}  // namespace sandtab::renderer
