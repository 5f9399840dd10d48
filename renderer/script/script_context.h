// One page's JavaScript: a SpiderMonkey context and the page's global (its
// realm), with the limits that keep a hostile script inside its renderer.
#pragma once

#include <js/Exception.h>
#include <jsapi.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "renderer/script/microtask_queue.h"
#include "renderer/script/script_watchdog.h"

namespace sandtab::script {

class JsEngine;

struct ScriptLimits {
  size_t heap_bytes = 256u << 20;                  // the GC heap (JSGC_MAX_BYTES)
  size_t nursery_bytes = 1u << 20;                 // 1 MiB: a scripted tab's dirty memory stays near 2.6 MB
  size_t native_stack_bytes = 1u << 20;            // deep recursion is an InternalError well before the stack ends
  size_t malloc_budget_bytes = 1u << 30;           // the process's malloc, ArrayBuffer contents included
  std::chrono::milliseconds script_timeout{2000};  // below the browser's 5 s hang timeout
};

enum class ScriptOutcome {
  kOk,
  kException,    // thrown and not caught: `error` says what
  kTimeout,      // the watchdog ended it
  kOutOfMemory,  // the heap cap or the malloc budget
};

struct ScriptResult {
  ScriptOutcome outcome = ScriptOutcome::kOk;
  std::string value;           // the result: its JSON form, or its string form if it has none
  bool value_is_json = false;  // `value` is JSON text
  std::string error;           // "TypeError: x is not a function (page.js:3)", ...
  bool ok() const { return outcome == ScriptOutcome::kOk; }
};

const char* OutcomeName(ScriptOutcome outcome);

class ScriptContext {
 public:
  // After the sandbox's layer 2, in the renderer. Needs the engine's threads started.
  static std::unique_ptr<ScriptContext> Create(const JsEngine& engine, const ScriptLimits& limits, std::string* error);
  ~ScriptContext();
  ScriptContext(const ScriptContext&) = delete;
  ScriptContext& operator=(const ScriptContext&) = delete;

  ScriptResult Evaluate(std::string_view source, std::string_view filename = "eval", unsigned line = 1);
  // The same, also handing back the result itself.
  ScriptResult Evaluate(std::string_view source, std::string_view filename, unsigned line,
                        JS::MutableHandleValue value);
  // Calls `function` with `args` as one task (a timer, a listener).
  ScriptResult Call(JS::HandleValue function, const JS::HandleValueArray& args);
  ScriptResult Call(JS::HandleValue function, const JS::HandleValueArray& args, JS::MutableHandleValue value);
  // An exception a script caught for the page (a listener's), to the error handler.
  void ReportException(JS::HandleValue exception);
  // A task's uncaught exception, already described, to the error handler.
  void ReportError(const ScriptResult& result) {
    if (uncaught_error_handler_) uncaught_error_handler_(result);
  }
  // The microtask checkpoint: runs Promise jobs until none is left. A job's
  // uncaught exception goes to the error handler; a timeout or an
  // out-of-memory ends the checkpoint and is returned.
  ScriptResult RunMicrotasks();
  bool HasMicrotasks() const { return !microtasks_->empty(); }

  // Where uncaught exceptions of microtasks go (the console, later).
  void SetUncaughtErrorHandler(std::function<void(const ScriptResult&)> handler) {
    uncaught_error_handler_ = std::move(handler);
  }

  JSContext* cx() const { return cx_; }
  JS::HandleObject global() const { return global_; }

  // A prelude's function, evaluated before its binding is installed (a
  // context made ahead of its page): kept under its file name until the
  // binding takes it (InstallPrelude).
  void KeepEvaluatedPrelude(std::string_view filename, JS::HandleValue prelude);
  bool TakeEvaluatedPrelude(std::string_view filename, JS::MutableHandleValue prelude);

  // JS values to UTF-8.
  static std::string ToUtf8(JSContext* cx, JS::HandleString string);
  static std::string ValueToString(JSContext* cx, JS::HandleValue value);

 private:
  ScriptContext(JSContext* cx, const ScriptLimits& limits);
  bool Init(const JsEngine& engine, std::string* error);
  // Runs `body` as one task: watchdog armed, realm entered, failure classified.
  ScriptResult RunTask(const std::function<bool(JS::MutableHandleValue)>& body, JS::MutableHandleValue value);
  ScriptResult Failure();
  std::string ErrorText(const JS::ExceptionStack& stack);
  void ReportUnhandledRejections();
  void ReportUncaught(const char* prefix, JS::HandleValue exception);
  void Describe(JS::HandleValue value, ScriptResult* result);
  static bool OnInterrupt(JSContext* cx);
  static void OnOutOfMemory(JSContext* cx, void* self);

  JSContext* cx_;
  const ScriptLimits limits_;
  std::unique_ptr<MicrotaskQueue> microtasks_;
  JS::PersistentRootedObject global_;
  bool out_of_memory_ = false;
  int task_depth_ = 0;
  std::function<void(const ScriptResult&)> uncaught_error_handler_;
  std::unique_ptr<ScriptWatchdog> watchdog_;
  std::vector<std::pair<std::string, std::unique_ptr<JS::PersistentRootedValue>>> evaluated_preludes_;
};

}  // namespace sandtab::script
