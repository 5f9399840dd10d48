// Command line of sandtab-exec (kept out of exec_main.cc so tests can
// check it without running anything).
#ifndef SANDTAB_SANDBOX_EXEC_FLAGS_H_
#define SANDTAB_SANDBOX_EXEC_FLAGS_H_

#include <string>
#include <vector>

#include "sandbox/profile.h"

namespace sandtab::sandbox {

struct ExecConfig {
  Profile profile = Profile::kRenderer;
  bool sandboxed = true;
  bool help = false;
  int zygote_children = 0;        // --zygote[=N]; 0: cold launch
  std::vector<std::string> argv;  // PROGRAM [ARGS...]; argv[0] as given
};

inline constexpr char kExecUsage[] =
    "usage: sandtab-exec [--profile=renderer|plugin] [--zygote[=N]] [--no-sandbox] -- PROGRAM\n"
    "       [ARGS...]\n"
    "Runs PROGRAM so that from the first line of its main() it is inside the sandbox\n"
    "profile, both layers (namespaces, read-only view, limits; then no filesystem and\n"
    "the seccomp policy). PROGRAM's fd 3 is sandtab-exec's fd 3. The exit status is\n"
    "PROGRAM's; a death by signal N prints a line and exits 128+N.\n"
    "  --profile=P     renderer (default) or plugin\n"
    "  --zygote[=N]    start one layer-1 process that forks N (default 1, at most 16)\n"
    "                  copies of PROGRAM, as the renderer zygote forks renderers: they\n"
    "                  share its namespaces and uid. The exit status is that of the\n"
    "                  first copy, in fork order, that did not exit 0 (0 if all did);\n"
    "                  with N > 1 each copy's end is printed on stderr\n"
    "  --no-sandbox    no sandbox at all (debugging only)\n"
    "  --help          this text\n";

// Parses argv[1..]; returns an error message or "".
std::string ParseExecFlags(const std::vector<std::string>& args, ExecConfig* config);

// PROGRAM as an absolute path: itself if it has a '/', else searched in
// PATH. "" if not found.
std::string ResolveProgram(const std::string& program);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_EXEC_FLAGS_H_
