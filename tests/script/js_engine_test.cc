#include "renderer/script/js_engine.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/script/test_engine.h"

namespace sandtab::script {
namespace {

int ThreadsOfThisProcess() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

// The zygote's recipe: every engine thread stopped, fork, the child starts
// its own and runs scripts, and so does the parent.
TEST(JsEngine, ForksWithNoEngineThreadAliveAndBothSidesRunScripts) {
  {
    // Work that gives the helper threads tasks (a full GC sweeps in parallel).
    auto context = NewTestContext();
    ASSERT_TRUE(context);
    const auto result = context->Evaluate("let a = []; for (let i = 0; i < 100000; i++) a.push({i}); a.length");
    ASSERT_TRUE(result.ok()) << result.error;
    JS_GC(context->cx());
  }
  EXPECT_GE(ThreadsOfThisProcess(), 2);  // the helper pool runs
  TestEngine().StopThreads();
  EXPECT_EQ(TestEngine().running_threads(), 0);
  EXPECT_EQ(ThreadsOfThisProcess(), 1);

  const int child_exit = ExitCodeOfForkedChild([] {
    std::string error;
    auto context = ScriptContext::Create(TestEngine(), {}, &error);
    if (!context) return 2;
    // Enough work for Ion to compile off-thread: it needs the restarted pool.
    const auto result = context->Evaluate(
        "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } [1,2,3].map(x => x * 3).join() + ':' + "
        "fib(22)");
    return result.ok() && result.value == "\"3,6,9:17711\"" ? 0 : 3;
  });
  EXPECT_EQ(child_exit, 0);
  EXPECT_EQ(TestEngine().running_threads(), 1);
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  EXPECT_EQ(context->Evaluate("6 * 7").value, "42");
}

TEST(JsEngine, IsInitialisedOncePerProcess) {
  std::string error;
  EXPECT_EQ(JsEngine::Create({}, &error), nullptr);
  EXPECT_NE(error.find("once per process"), std::string::npos);
}

TEST(JsEngine, KeepsTheSelfHostedCodeEncoded) { EXPECT_GT(TestEngine().self_hosted_code().size(), 100000u); }

}  // namespace
}  // namespace sandtab::script
