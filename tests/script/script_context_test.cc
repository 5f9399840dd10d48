#include "renderer/script/script_context.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/script/test_engine.h"

namespace sandtab::script {
namespace {

TEST(ScriptContext, ReturnsTheJsonFormOfTheResultOrItsStringForm) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  auto result = context->Evaluate("({a: [1, 'two'], b: null})");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(result.value_is_json);
  EXPECT_EQ(result.value, R"({"a":[1,"two"],"b":null})");
  result = context->Evaluate("'text'");
  EXPECT_EQ(result.value, "\"text\"");
  result = context->Evaluate("undefined");
  EXPECT_FALSE(result.value_is_json);
  EXPECT_EQ(result.value, "undefined");
  result = context->Evaluate("(function named() {})");
  EXPECT_FALSE(result.value_is_json);
  EXPECT_EQ(result.value, "function named() {}");
  // Modern JavaScript (the reason for this engine): classes, fields, ??, BigInt.
  result = context->Evaluate("class P { #x = 2; get x() { return this.#x } }; `${new P().x ?? 0}:${2n ** 70n}`");
  EXPECT_EQ(result.value, "\"2:1180591620717411303424\"") << result.error;
}

TEST(ScriptContext, ReportsAnUncaughtExceptionWithWhereItWasThrown) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  const auto result = context->Evaluate("let o = null;\no.x", "page.js", 10);
  EXPECT_EQ(result.outcome, ScriptOutcome::kException);
  EXPECT_NE(result.error.find("TypeError"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("page.js:11"), std::string::npos) << result.error;
  EXPECT_TRUE(context->Evaluate("1").ok());
}

TEST(ScriptContext, TheWatchdogEndsAScriptThatNeverYieldsAndTheContextLivesOn) {
  ScriptLimits limits;
  limits.script_timeout = std::chrono::milliseconds(200);
  auto context = NewTestContext(limits);
  ASSERT_TRUE(context);
  auto result = context->Evaluate("for (;;) {}");
  EXPECT_EQ(result.outcome, ScriptOutcome::kTimeout) << result.error;
  EXPECT_NE(result.error.find("200 ms"), std::string::npos) << result.error;
  // Catching cannot keep it alive: the interruption is uncatchable.
  result = context->Evaluate("for (;;) { try { for (;;) {} } catch (e) {} }");
  EXPECT_EQ(result.outcome, ScriptOutcome::kTimeout) << result.error;
  // Nor can a regular expression that backtracks for ever.
  result = context->Evaluate("/(a+)+b/.test('a'.repeat(40))");
  EXPECT_EQ(result.outcome, ScriptOutcome::kTimeout) << result.error;
  result = context->Evaluate("[1, 2, 3].map(x => x * 3)");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.value, "[3,6,9]");
}

TEST(ScriptContext, AFastScriptIsNotInterruptedByAnEarlierTimeout) {
  ScriptLimits limits;
  limits.script_timeout = std::chrono::milliseconds(100);
  auto context = NewTestContext(limits);
  ASSERT_TRUE(context);
  EXPECT_EQ(context->Evaluate("for (;;) {}").outcome, ScriptOutcome::kTimeout);
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(context->Evaluate("{ let s = 0; for (let i = 0; i < 1000; i++) s += i; s }").ok());
}

TEST(ScriptContext, AHeapThatGrowsWithoutEndIsOutOfMemoryEvenIfTheScriptCatches) {
  ScriptLimits limits;
  limits.heap_bytes = 32u << 20;
  limits.script_timeout = std::chrono::milliseconds(3000);
  auto context = NewTestContext(limits);
  ASSERT_TRUE(context);
  auto result = context->Evaluate("let a = []; for (;;) a.push({x: [1, 2, 3]})");
  EXPECT_EQ(result.outcome, ScriptOutcome::kOutOfMemory) << result.error;
  result =
      context->Evaluate("let b = []; for (;;) { try { for (;;) b.push(new Array(64)) } catch (e) { b.length = 0 } }");
  EXPECT_EQ(result.outcome, ScriptOutcome::kOutOfMemory) << result.error;
  context->Evaluate("a = b = null");
  JS_GC(context->cx());
  EXPECT_TRUE(context->Evaluate("[1, 2].length").ok());
}

// SpiderMonkey's heap cap does not count ArrayBuffer contents (they are
// malloc'd): the malloc budget does.
TEST(ScriptContext, ArrayBufferContentsCountAgainstTheMemoryBudget) {
  ScriptLimits limits;
  limits.malloc_budget_bytes = ScriptWatchdog::MallocBytesInUse() + (128u << 20);
  limits.script_timeout = std::chrono::milliseconds(10000);
  auto context = NewTestContext(limits);
  ASSERT_TRUE(context);
  // Bounded (1 GiB) so that a broken budget fails the test instead of the machine.
  const auto result = context->Evaluate(
      "let kept = []; for (let i = 0; i < 64; i++) { const b = new Uint8Array(16 << 20); b.fill(1); kept.push(b) } "
      "kept.length");
  EXPECT_EQ(result.outcome, ScriptOutcome::kOutOfMemory) << result.value << result.error;
  context->Evaluate("kept = null");
  JS_GC(context->cx());
  EXPECT_TRUE(context->Evaluate("1").ok());
}

TEST(ScriptContext, DeepRecursionIsACatchableInternalError) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  auto result = context->Evaluate(
      "function f(n) { return f(n + 1) + 1 }"
      "try { f(0) } catch (e) { (e instanceof InternalError) + ': ' + e.message }");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.value, "\"true: too much recursion\"");
  result = context->Evaluate("f(0)");
  EXPECT_EQ(result.outcome, ScriptOutcome::kException);
  EXPECT_NE(result.error.find("InternalError: too much recursion"), std::string::npos) << result.error;
}

TEST(ScriptContext, PromiseJobsRunAtTheMicrotaskCheckpointInOrder) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  auto result = context->Evaluate(
      "globalThis.log = ['sync'];"
      "Promise.resolve().then(() => log.push('then 1')).then(() => log.push('then 2'));"
      "(async () => { await null; log.push('async') })();"
      "log.join()");
  EXPECT_EQ(result.value, "\"sync\"");
  EXPECT_TRUE(context->HasMicrotasks());
  ASSERT_TRUE(context->RunMicrotasks().ok());
  EXPECT_FALSE(context->HasMicrotasks());
  EXPECT_EQ(context->Evaluate("log.join()").value, "\"sync,then 1,async,then 2\"");
}

TEST(ScriptContext, AMicrotaskThatThrowsIsReportedAndTheOthersStillRun) {
  auto context = NewTestContext();
  ASSERT_TRUE(context);
  std::vector<std::string> errors;
  context->SetUncaughtErrorHandler([&](const ScriptResult& result) { errors.push_back(result.error); });
  context->Evaluate(
      "globalThis.done = false;"
      "Promise.resolve().then(() => { throw new RangeError('bad job') });"
      "Promise.resolve().then(() => { done = true });"
      "Promise.reject(new Error('handled later')).catch(() => {});");
  ASSERT_TRUE(context->RunMicrotasks().ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("Uncaught (in promise) RangeError: bad job (eval:1)"), std::string::npos) << errors[0];
  EXPECT_EQ(context->Evaluate("done").value, "true");
}

TEST(ScriptContext, AMicrotaskThatNeverEndsIsInterrupted) {
  ScriptLimits limits;
  limits.script_timeout = std::chrono::milliseconds(200);
  auto context = NewTestContext(limits);
  ASSERT_TRUE(context);
  context->Evaluate("Promise.resolve().then(() => { for (;;) {} }); Promise.resolve().then(() => 1)");
  EXPECT_EQ(context->RunMicrotasks().outcome, ScriptOutcome::kTimeout);
  EXPECT_FALSE(context->HasMicrotasks());
}

}  // namespace
}  // namespace sandtab::script
