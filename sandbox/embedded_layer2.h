// Layer 2's filters compiled when sandtab was built. libseccomp turns the
// policy's rules into BPF in ~1 ms (adding the rules, then generating the
// program), which every cold renderer and plugin paid on its way to its
// first frame, and a zygote twice (PrepareLayer2 compiles once more to find
// the pid's places). sandtab_embed_layer2 (embedded_layer2_main.cc) runs
// PrepareLayer2 for every profile at build time, with the same libseccomp,
// and writes the programs into the generated embedded_layer2_programs.cc;
// the processes patch in their own pid and load them (EngageLayer2(const
// PreparedLayer2&)). A test compares each with what libseccomp compiles
// now (tests/sandbox/embedded_layer2_test.cc).
#ifndef SANDTAB_SANDBOX_EMBEDDED_LAYER2_H_
#define SANDTAB_SANDBOX_EMBEDDED_LAYER2_H_

#include "sandbox/prepared_layer2.h"
#include "sandbox/profile.h"

namespace sandtab::sandbox {

// `profile`'s filter as PrepareLayer2 makes it (and, like it, the SIGSYS
// reporter's tables filled for children forked afterwards). Library:
// sandtab_embedded_layer2.
PreparedLayer2 EmbeddedLayer2(Profile profile);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_EMBEDDED_LAYER2_H_
