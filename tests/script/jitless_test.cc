// --js-flags=--jitless: no executable memory at all, so the renderer's
// seccomp policy may refuse PROT_EXEC and scripts still run.
#include <gtest/gtest.h>
#include <seccomp.h>
#include <sys/mman.h>

#include "tests/script/test_engine.h"

namespace sandtab::script {
namespace {

// In a forked child: mmap/mprotect with PROT_EXEC fail with EPERM from here on.
bool RefuseExecutableMemory() {
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (!filter) return false;
  bool ok = true;
  for (const int syscall : {SCMP_SYS(mmap), SCMP_SYS(mprotect), SCMP_SYS(pkey_mprotect)}) {
    ok = ok && seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), syscall, 1,
                                SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC)) == 0;
  }
  ok = ok && seccomp_load(filter) == 0;
  seccomp_release(filter);
  return ok;
}

TEST(Jitless, ScriptsRunWithExecutableMemoryRefused) {
  ASSERT_TRUE(TestEngine().jitless());
  const int child_exit = ExitCodeOfForkedChild([] {
    if (!RefuseExecutableMemory()) return 2;
    if (mmap(nullptr, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED) return 3;
    std::string error;
    auto context = ScriptContext::Create(TestEngine(), {}, &error);
    if (!context) return 4;
    const auto result =
        context->Evaluate("let s = 0; for (let i = 0; i < 200000; i++) s += i % 7; /a(b+)c/.exec('xabbbc')[1] + s");
    return result.ok() && result.value == "\"bbb599994\"" ? 0 : 5;
  });
  EXPECT_EQ(child_exit, 0);
}

}  // namespace
}  // namespace sandtab::script
