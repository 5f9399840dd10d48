// AddressSanitizer's options for the programs that run behind layer 2 (the
// renderer, its zygote, the plugin process) and for any program sandtab-exec
// runs through the layer-2 preload helper; compiled into each of them, and
// empty unless the build has AddressSanitizer.
//
// Compiled in, because a sandboxed process's ASan runtime cannot read
// ASAN_OPTIONS: it reads its environment from /proc/self/environ, and there
// is no /proc behind layer 1. The options, and why:
//  * detect_leaks=0: LeakSanitizer's exit-time check stops the world with
//    ptrace from a cloned task, which the policy refuses, so every clean exit
//    would become "exited (code 1)". The same code is leak-checked
//    unsandboxed, in the unit tests and in the browser.
//  * handle_segv/abort/sigbus=0: ASan's handlers report and then exit with
//    code 1, so the browser would classify a crash as a clean exit. The child
//    dies of the signal itself, as in a release build, and the crash handling
//    under test is the browser's. Errors the instrumentation finds (overflows,
//    use after free) are still reported.
//  * verify_asan_link_order=0: the preload helper comes before the ASan
//    runtime in the library list of a program sandtab-exec runs.
// (--no-sandbox children read the same options: the program carries them.)
#if defined(__SANITIZE_ADDRESS__)
extern "C" __attribute__((visibility("default"), used)) const char* __asan_default_options() {
  return "detect_leaks=0:verify_asan_link_order=0:handle_segv=0:handle_abort=0:handle_sigbus=0";
}
#endif
