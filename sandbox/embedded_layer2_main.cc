// sandtab_embed_layer2 OUTPUT.cc: compiles every profile's layer-2 filter
// (PrepareLayer2) and writes them as C++ for EmbeddedLayer2
// (embedded_layer2.h). Runs at build time; a profile whose filter does not
// compile fails the build.
#include <cstdio>
#include <string>

#include "sandbox/prepared_layer2.h"
#include "sandbox/profile.h"

namespace {

using sandtab::sandbox::PreparedLayer2;
using sandtab::sandbox::Profile;

constexpr Profile kProfiles[] = {Profile::kRenderer, Profile::kPlugin, Profile::kRendererJitless};

const char* EnumName(Profile profile) {
  switch (profile) {
    case Profile::kRenderer:
      return "kRenderer";
    case Profile::kPlugin:
      return "kPlugin";
    case Profile::kRendererJitless:
      return "kRendererJitless";
  }
  return "?";
}

std::string Case(Profile profile, const PreparedLayer2& prepared) {
  std::string text = "    case Profile::" + std::string(EnumName(profile)) + ":\n      prepared.program = {";
  char item[64];
  for (size_t i = 0; i < prepared.program.size(); ++i) {
    const auto& instruction = prepared.program[i];
    std::snprintf(item, sizeof item, "%s{0x%x, %u, %u, 0x%x}", i % 4 == 0 ? "\n          " : " ", instruction.code,
                  instruction.jt, instruction.jf, instruction.k);
    text += item;
    if (i + 1 < prepared.program.size()) text += ",";
  }
  text += "};\n      prepared.placeholder_positions = {";
  for (size_t i = 0; i < prepared.placeholder_positions.size(); ++i) {
    text += (i ? ", " : "") + std::to_string(prepared.placeholder_positions[i]);
  }
  return text + "};\n      prepared.error = 0;\n      break;\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: sandtab_embed_layer2 OUTPUT.cc\n");
    return 2;
  }
  std::string text =
      "// Generated at build time by sandtab_embed_layer2 (sandbox/embedded_layer2_main.cc). Do not edit.\n"
      "#include \"sandbox/embedded_layer2.h\"\n\n#include \"sandbox/sigsys_reporter.h\"\n\n"
      "namespace sandtab::sandbox {\n\nPreparedLayer2 EmbeddedLayer2(Profile profile) {\n"
      "  PrepareSigsysReporter();\n  PreparedLayer2 prepared;\n  prepared.profile = profile;\n"
      "  switch (profile) {  // a profile missing here is a -Wswitch error\n";
  for (Profile profile : kProfiles) {
    PreparedLayer2 prepared = sandtab::sandbox::PrepareLayer2(profile);
    if (prepared.error != 0 || prepared.program.empty()) {
      std::fprintf(stderr, "sandtab_embed_layer2: the %s filter does not compile (errno %d)\n",
                   std::string(sandtab::sandbox::ProfileName(profile)).c_str(), prepared.error);
      return 1;
    }
    text += Case(profile, prepared);
  }
  text += "  }\n  return prepared;\n}\n\n}  // namespace sandtab::sandbox\n";
  FILE* out = std::fopen(argv[1], "w");
  if (!out || std::fputs(text.c_str(), out) < 0 || std::fclose(out) != 0) {
    std::fprintf(stderr, "sandtab_embed_layer2: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
