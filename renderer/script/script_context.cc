#include "renderer/script/script_context.h"

#include <js/CallAndConstruct.h>
#include <js/CompilationAndEvaluation.h>
#include <js/ContextOptions.h>
#include <js/Conversions.h>
#include <js/ErrorReport.h>
#include <js/Exception.h>
#include <js/GlobalObject.h>
#include <js/Initialization.h>
#include <js/Interrupt.h>
#include <js/JSON.h>
#include <js/MemoryCallbacks.h>
#include <js/Promise.h>
#include <js/SourceText.h>
#include <js/Stack.h>

#include "renderer/script/js_engine.h"

namespace sandtab::script {

namespace {

const JSClass kGlobalClass = {"Window", JSCLASS_GLOBAL_FLAGS, &JS::DefaultGlobalClassOps, nullptr, nullptr, nullptr};

// A task stopped by the watchdog while its heap was this close to the cap was
// thrashing the garbage collector: it ran out of memory, not out of time.
constexpr double kNearHeapCap = 0.9;

bool AppendUtf16(const char16_t* chars, uint32_t length, void* out) {
  static_cast<std::u16string*>(out)->append(chars, length);
  return true;
}

}  // namespace

const char* OutcomeName(ScriptOutcome outcome) {
  switch (outcome) {
    case ScriptOutcome::kOk:
      return "ok";
    case ScriptOutcome::kException:
      return "exception";
    case ScriptOutcome::kTimeout:
      return "timeout";
    case ScriptOutcome::kOutOfMemory:
      return "out of memory";
  }
  return "?";
}

std::unique_ptr<ScriptContext> ScriptContext::Create(const JsEngine& engine, const ScriptLimits& limits,
                                                     std::string* error) {
  JSContext* cx = JS_NewContext(limits.heap_bytes);
  if (!cx) {
    *error = "JS_NewContext failed";
    return nullptr;
  }
  std::unique_ptr<ScriptContext> context(new ScriptContext(cx, limits));
  if (!context->Init(engine, error)) return nullptr;
  return context;
}

ScriptContext::ScriptContext(JSContext* cx, const ScriptLimits& limits) : cx_(cx), limits_(limits), global_(cx) {}

bool ScriptContext::Init(const JsEngine& engine, std::string* error) {
  JS_SetGCParameter(cx_, JSGC_MAX_NURSERY_BYTES, static_cast<uint32_t>(limits_.nursery_bytes));
  JS_SetNativeStackQuota(cx_, limits_.native_stack_bytes);
  // No wasm: its memories need address space the renderer's RLIMIT_AS does
  // not have beside the JIT's reservation, and it is the engine's least
  // mature part, without security support.
  JS::ContextOptionsRef(cx_).setWasm(false).setAsmJS(false);
  const auto cache = engine.self_hosted_code();
  if (!JS::InitSelfHostedCode(cx_, JS::SelfHostedCache(cache.data(), cache.size()))) {
    *error = "SpiderMonkey could not set up its built-ins (is executable memory refused without --jitless?)";
    return false;
  }
  microtasks_ = std::make_unique<MicrotaskQueue>(cx_);
  JS_SetContextPrivate(cx_, this);
  if (!JS_AddInterruptCallback(cx_, OnInterrupt)) {
    *error = "JS_AddInterruptCallback failed";
    return false;
  }
  JS::SetOutOfMemoryCallback(cx_, OnOutOfMemory, this);

  JS::RealmOptions options;
  global_ = JS_NewGlobalObject(cx_, &kGlobalClass, nullptr, JS::FireOnNewGlobalHook, options);
  if (!global_) {
    *error = "JS_NewGlobalObject failed";
    return false;
  }
  JSAutoRealm realm(cx_, global_);
  if (!JS::InitRealmStandardClasses(cx_)) {
    *error = "JS::InitRealmStandardClasses failed";
    return false;
  }
  JSContext* cx = cx_;
  watchdog_ = std::make_unique<ScriptWatchdog>(limits_.script_timeout, limits_.malloc_budget_bytes,
                                               [cx] { JS_RequestInterruptCallback(cx); });
  return true;
}

ScriptContext::~ScriptContext() {
  watchdog_.reset();
  evaluated_preludes_.clear();  // roots, which must go while the runtime lives
  global_.reset();
  // The queue's roots must go while the runtime lives, and the runtime must
  // not reach the queue once it is gone.
  JS::SetPromiseRejectionTrackerCallback(cx_, nullptr, nullptr);
  JS::SetJobQueue(cx_, nullptr);
  microtasks_.reset();
  JS_DestroyContext(cx_);
}

ScriptResult ScriptContext::Evaluate(std::string_view source, std::string_view filename, unsigned line) {
  JS::RootedValue value(cx_);
  return Evaluate(source, filename, line, &value);
}

ScriptResult ScriptContext::Evaluate(std::string_view source, std::string_view filename, unsigned line,
                                     JS::MutableHandleValue value) {
  const std::string file(filename);
  return RunTask(
      [&](JS::MutableHandleValue result) {
        JS::CompileOptions options(cx_);
        options.setFileAndLine(file.c_str(), line);
        JS::SourceText<mozilla::Utf8Unit> text;
        if (!text.init(cx_, source.data(), source.size(), JS::SourceOwnership::Borrowed)) return false;
        return JS::Evaluate(cx_, options, text, result);
      },
      value);
}

void ScriptContext::KeepEvaluatedPrelude(std::string_view filename, JS::HandleValue prelude) {
  evaluated_preludes_.emplace_back(std::string(filename), std::make_unique<JS::PersistentRootedValue>(cx_, prelude));
}

bool ScriptContext::TakeEvaluatedPrelude(std::string_view filename, JS::MutableHandleValue prelude) {
  for (auto it = evaluated_preludes_.begin(); it != evaluated_preludes_.end(); ++it) {
    if (it->first != filename) continue;
    prelude.set(*it->second);
    evaluated_preludes_.erase(it);
    return true;
  }
  return false;
}

ScriptResult ScriptContext::Call(JS::HandleValue function, const JS::HandleValueArray& args) {
  JS::RootedValue value(cx_);
  return Call(function, args, &value);
}

ScriptResult ScriptContext::Call(JS::HandleValue function, const JS::HandleValueArray& args,
                                 JS::MutableHandleValue value) {
  return RunTask(
      [&](JS::MutableHandleValue result) { return JS::Call(cx_, JS::UndefinedHandleValue, function, args, result); },
      value);
}

void ScriptContext::ReportException(JS::HandleValue exception) { ReportUncaught("Uncaught ", exception); }

void ScriptContext::ReportUncaught(const char* prefix, JS::HandleValue exception) {
  JS::RootedObject stack(cx_);
  if (exception.isObject()) {
    JS::RootedObject error(cx_, &exception.toObject());
    stack = JS::ExceptionStackOrNull(error);
  }
  ScriptResult result;
  result.outcome = ScriptOutcome::kException;
  result.error = prefix + ErrorText(JS::ExceptionStack(cx_, exception, stack));
  if (uncaught_error_handler_) uncaught_error_handler_(result);
}

ScriptResult ScriptContext::RunMicrotasks() {
  JS::RootedObject job(cx_);
  while (microtasks_->TakeNext(&job)) {
    JS::RootedValue function(cx_, JS::ObjectValue(*job));
    ScriptResult result = Call(function, JS::HandleValueArray::empty());
    if (result.outcome == ScriptOutcome::kTimeout || result.outcome == ScriptOutcome::kOutOfMemory) {
      microtasks_->Clear();
      return result;
    }
    if (result.outcome == ScriptOutcome::kException && uncaught_error_handler_) uncaught_error_handler_(result);
  }
  ReportUnhandledRejections();
  return {};
}

void ScriptContext::ReportUnhandledRejections() {
  JSAutoRealm realm(cx_, global_);
  JS::RootedObject promise(cx_);
  while (microtasks_->TakeUnhandledRejection(&promise)) {
    JS::RootedValue reason(cx_, JS::GetPromiseResult(promise));
    ReportUncaught("Uncaught (in promise) ", reason);
  }
}

ScriptResult ScriptContext::RunTask(const std::function<bool(JS::MutableHandleValue)>& body,
                                    JS::MutableHandleValue value) {
  JSAutoRealm realm(cx_, global_);
  // A task inside a task (a listener run by a script's click()) is part of
  // the outer one: same deadline, and the outer one classifies an interruption.
  if (task_depth_++ > 0) {
    const bool ok = body(value);
    --task_depth_;
    if (ok) return {};
    if (watchdog_->reason() != InterruptReason::kNone || !JS_IsExceptionPending(cx_)) {
      return {
          ScriptOutcome::kTimeout,
          {},
          false,
          "interrupted",
      };
    }
    return Failure();
  }
  watchdog_->TakeReason();  // a request that arrived after the previous task ended
  out_of_memory_ = false;
  watchdog_->Arm();
  const bool ok = body(value);
  watchdog_->Disarm();
  --task_depth_;
  if (!ok) return Failure();
  ScriptResult result;
  Describe(value, &result);
  return result;
}

ScriptResult ScriptContext::Failure() {
  ScriptResult result;
  const InterruptReason reason = watchdog_->TakeReason();
  if (reason != InterruptReason::kNone || !JS_IsExceptionPending(cx_)) {
    // Ended uncatchably: by the watchdog, or by an out-of-memory that left
    // no exception behind.
    JS_ClearPendingException(cx_);
    const bool thrashing =
        JS_GetGCParameter(cx_, JSGC_BYTES) >= static_cast<uint32_t>(kNearHeapCap * limits_.heap_bytes);
    if (reason == InterruptReason::kOutOfMemory || out_of_memory_ ||
        (reason == InterruptReason::kTimeout && thrashing)) {
      result.outcome = ScriptOutcome::kOutOfMemory;
      result.error = "out of memory";
    } else if (reason == InterruptReason::kTimeout) {
      result.outcome = ScriptOutcome::kTimeout;
      result.error = "script ran longer than " + std::to_string(limits_.script_timeout.count()) + " ms";
    } else {
      result.outcome = ScriptOutcome::kException;
      result.error = "script terminated";
    }
    return result;
  }
  JS::ExceptionStack stack(cx_);
  if (!JS::StealPendingExceptionStack(cx_, &stack)) {
    result.outcome = ScriptOutcome::kException;
    result.error = "exception (could not be read)";
    JS_ClearPendingException(cx_);
    return result;
  }
  result.outcome = out_of_memory_ ? ScriptOutcome::kOutOfMemory : ScriptOutcome::kException;
  result.error = ErrorText(stack);
  JS_ClearPendingException(cx_);
  return result;
}

// "TypeError: o is null (page.js:11)"; a thrown non-Error as its string form.
std::string ScriptContext::ErrorText(const JS::ExceptionStack& stack) {
  JS::ErrorReportBuilder report(cx_);
  if (!report.init(cx_, stack, JS::ErrorReportBuilder::NoSideEffects) || !report.toStringResult()) {
    JS_ClearPendingException(cx_);
    return "exception";
  }
  std::string text = report.toStringResult().c_str();
  if (const JSErrorReport* details = report.report(); details && details->filename) {
    text += " (" + std::string(details->filename) + ":" + std::to_string(details->lineno) + ")";
  }
  return text;
}

// The JSON form when there is one (objects, arrays, numbers, strings,
// booleans, null), else the string form (undefined, functions, symbols).
void ScriptContext::Describe(JS::HandleValue value, ScriptResult* result) {
  if (!value.isUndefined() && !value.isSymbol() && !(value.isObject() && JS::IsCallable(&value.toObject()))) {
    std::u16string json;
    JS::RootedValue input(cx_, value);
    if (JS_Stringify(cx_, &input, nullptr, JS::UndefinedHandleValue, AppendUtf16, &json) && !json.empty()) {
      JS::RootedString string(cx_, JS_NewUCStringCopyN(cx_, json.data(), json.size()));
      if (string) {
        result->value = ToUtf8(cx_, string);
        result->value_is_json = true;
        return;
      }
    }
    JS_ClearPendingException(cx_);
  }
  result->value = ValueToString(cx_, value);
}

std::string ScriptContext::ToUtf8(JSContext* cx, JS::HandleString string) {
  JS::UniqueChars chars = JS_EncodeStringToUTF8(cx, string);
  if (!chars) {
    JS_ClearPendingException(cx);
    return {};
  }
  return chars.get();
}

std::string ScriptContext::ValueToString(JSContext* cx, JS::HandleValue value) {
  if (value.isSymbol()) return "Symbol()";
  JS::RootedString string(cx, JS::ToString(cx, value));
  if (!string) {
    JS_ClearPendingException(cx);
    return "[value]";
  }
  return ToUtf8(cx, string);
}

bool ScriptContext::OnInterrupt(JSContext* cx) {
  auto* self = static_cast<ScriptContext*>(JS_GetContextPrivate(cx));
  // Failure() takes the reason once the task has unwound.
  return self->watchdog_->reason() == InterruptReason::kNone;
}

void ScriptContext::OnOutOfMemory(JSContext*, void* self) {
  // A script may catch the "out of memory" exception and allocate again:
  // end the task at its next interrupt check, whatever it catches.
  auto* context = static_cast<ScriptContext*>(self);
  context->out_of_memory_ = true;
  if (context->watchdog_) context->watchdog_->Interrupt(InterruptReason::kOutOfMemory);
}

}  // namespace sandtab::script
