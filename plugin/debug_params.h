#ifndef SANDTAB_PLUGIN_DEBUG_PARAMS_H_
#define SANDTAB_PLUGIN_DEBUG_PARAMS_H_

#include "plugin/plugin_instance.h"

namespace sandtab::plugin {

// Faults a page can ask any plugin type for, like the renderer's about:crash
// URLs, so tests can break a plugin process from a page:
//   <embed type="application/x-sandtab-clock" crash="1">
// Acted on by the service when the instance is created, before the instance,
// and only when the process was started with --enable-plugin-debug (the
// browser's flag of the same name; without it the browser blocks such an
// embed before it gets here).
enum class DebugAction {
  kNone,
  kCrash,       // crash=1: SIGSEGV (a null write) in the plugin process
  kHang,        // hang=1: an infinite loop on the main loop (Pings go unanswered)
  kBadMessage,  // badmessage=1: an InstanceFrameReady for buffer 7 (the browser must kill us)
};

// The first debug param set to "1", in the order crash, hang, badmessage.
DebugAction DebugActionFor(const PluginParams& params);

[[noreturn]] void CrashOnPurpose();
[[noreturn]] void HangOnPurpose();

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_DEBUG_PARAMS_H_
