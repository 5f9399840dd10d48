// libsandtab_layer2_preload.so: sandtab-exec's way to engage layer 2
// before the program's main(). Launch() puts it in LD_PRELOAD; the dynamic
// loader has mapped every library of the program when this constructor
// runs (after the libraries' own constructors, before the program's), so
// nothing needs the filesystem afterwards.
#include <errno.h>
#include <stdlib.h>

#include "sandbox/launcher.h"
#include "sandbox/layer2.h"
#include "sandbox/setup_step.h"

namespace {

__attribute__((constructor)) void EngageLayer2FromPreload() {
  using namespace sandtab::sandbox;
  const char* name = getenv(kPreloadProfileVariable);
  auto profile = name ? ParseProfile(name) : std::nullopt;
  // The program must not see (or pass on) how it was sandboxed.
  unsetenv("LD_PRELOAD");
  unsetenv(kPreloadProfileVariable);
  if (!profile) FailSetupStep(SetupStep::kLayer2Preload, EINVAL);
  EngageLayer2(*profile);
}

}  // namespace
