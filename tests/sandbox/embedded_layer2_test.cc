// EmbeddedLayer2: the filters compiled when sandtab was built must be,
// instruction for instruction, what PrepareLayer2 compiles now, pid
// placeholders included, for every profile; and one patched with a pid must
// be what libseccomp compiles for that pid.
#include "sandbox/embedded_layer2.h"

#include <gtest/gtest.h>

#include <vector>

#include "sandbox/seccomp_policy.h"

namespace sandtab::sandbox {
namespace {

constexpr Profile kProfiles[] = {Profile::kRenderer, Profile::kPlugin, Profile::kRendererJitless};

bool SameProgram(const std::vector<sock_filter>& a, const std::vector<sock_filter>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].code != b[i].code || a[i].jt != b[i].jt || a[i].jf != b[i].jf || a[i].k != b[i].k) return false;
  return true;
}

TEST(EmbeddedLayer2Test, EachProfileIsWhatPrepareLayer2CompilesNow) {
  for (Profile profile : kProfiles) {
    const PreparedLayer2 embedded = EmbeddedLayer2(profile);
    const PreparedLayer2 now = PrepareLayer2(profile);
    ASSERT_EQ(now.error, 0) << ProfileName(profile);
    EXPECT_EQ(embedded.error, 0) << ProfileName(profile);
    EXPECT_EQ(embedded.profile, profile);
    EXPECT_GT(embedded.program.size(), 100u) << ProfileName(profile);
    EXPECT_TRUE(SameProgram(embedded.program, now.program)) << ProfileName(profile);
    EXPECT_EQ(embedded.placeholder_positions, now.placeholder_positions) << ProfileName(profile);
  }
}

TEST(EmbeddedLayer2Test, PatchedWithAPidItIsWhatLibseccompCompilesForThatPid) {
  for (Profile profile : kProfiles) {
    for (pid_t pid : {1, 2, 4242, 4 * 1024 * 1024}) {
      std::vector<sock_filter> patched, compiled;
      ASSERT_EQ(PatchPreparedProgram(EmbeddedLayer2(profile), pid, &patched), 0) << ProfileName(profile);
      ASSERT_EQ(CompileSeccompPolicy(profile, pid, &compiled), 0) << ProfileName(profile);
      EXPECT_TRUE(SameProgram(patched, compiled)) << ProfileName(profile) << " pid " << pid;
    }
  }
}

TEST(EmbeddedLayer2Test, TheJitlessProfileDiffersFromTheRenderersOwn) {
  // Not the same program under two names: --js-flags=--jitless refuses
  // executable memory, which the renderer's own profile allows.
  EXPECT_FALSE(
      SameProgram(EmbeddedLayer2(Profile::kRenderer).program, EmbeddedLayer2(Profile::kRendererJitless).program));
}

}  // namespace
}  // namespace sandtab::sandbox
