// The AddressSanitizer options of every program that runs behind layer 2,
// in sanitizer builds (SANDTAB_SANITIZE=address,...). Why each one is
// needed is in sandboxed_sanitizer_options.cc, which compiles them into
// the sandboxed programs and the layer-2 preload helper.
#ifndef SANDTAB_SANDBOX_SANDBOXED_SANITIZER_OPTIONS_H_
#define SANDTAB_SANDBOX_SANDBOXED_SANITIZER_OPTIONS_H_

namespace sandtab::sandbox {

inline constexpr char kSandboxedAsanOptions[] =
    "detect_leaks=0:verify_asan_link_order=0:handle_segv=0:handle_abort=0:handle_sigbus=0";

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SANDBOXED_SANITIZER_OPTIONS_H_
