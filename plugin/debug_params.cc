#include "plugin/debug_params.h"

#include <signal.h>
#include <sys/mman.h>

#include <cstdlib>

namespace sandtab::plugin {

DebugAction DebugActionFor(const PluginParams& params) {
  if (params.IsSet("crash")) return DebugAction::kCrash;
  if (params.IsSet("hang")) return DebugAction::kHang;
  if (params.IsSet("badmessage")) return DebugAction::kBadMessage;
  return DebugAction::kNone;
}

// SIGSEGV from a real memory access, exactly what a decoder bug would do: a
// write to a page that may not be written. Not a write through null: that
// is undefined behaviour, which the compiler may delete, and which
// UndefinedBehaviorSanitizer (sanitizer builds) ends with exit code 1.
void CrashOnPurpose() {
  void* page = ::mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page != MAP_FAILED) *static_cast<volatile int*>(page) = 42;
  ::raise(SIGSEGV);  // only if the page could not be made
  std::abort();      // keeps [[noreturn]] honest
}

void HangOnPurpose() {
  for (volatile bool spin = true; spin;) {
  }
  std::abort();
}

}  // namespace sandtab::plugin
