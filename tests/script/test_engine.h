#pragma once

#include <functional>
#include <memory>
#include <string>

#include "renderer/script/js_engine.h"
#include "renderer/script/script_context.h"

namespace sandtab::script {

// The process's engine, created by script_test_main.cc.
JsEngine& TestEngine();

// The zygote's recipe: engine threads stopped, fork(), both sides start
// them again; `child` runs in the child and its return value is the child's
// exit code, which this returns (-1 if it did not exit).
int ExitCodeOfForkedChild(const std::function<int()>& child);

inline std::unique_ptr<ScriptContext> NewTestContext(const ScriptLimits& limits = {}) {
  std::string error;
  auto context = ScriptContext::Create(TestEngine(), limits, &error);
  if (!context) ADD_FAILURE() << error;
  return context;
}

}  // namespace sandtab::script
