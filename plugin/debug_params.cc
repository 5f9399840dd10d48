#include "plugin/debug_params.h"

#include <cstdlib>

namespace sandtab::plugin {

DebugAction DebugActionFor(const PluginParams& params) {
  if (params.IsSet("crash")) return DebugAction::kCrash;
  if (params.IsSet("hang")) return DebugAction::kHang;
  if (params.IsSet("badmessage")) return DebugAction::kBadMessage;
  return DebugAction::kNone;
}

void CrashOnPurpose() {
  volatile int* null_pointer = nullptr;
  *null_pointer = 42;  // SIGSEGV, exactly what a decoder bug would do
  std::abort();        // unreachable; keeps [[noreturn]] honest
}

void HangOnPurpose() {
  for (volatile bool spin = true; spin;) {
  }
  std::abort();
}

}  // namespace sandtab::plugin
