// How a C++ object and its JavaScript half meet: the JS half (a prelude) is a
// function expression called once with (natives, global); the natives are
// an object whose reserved slot 0 points back at the C++ owner, reachable
// only through the prelude's closure. The prelude returns the object whose
// methods C++ calls later (dispatch, runTimer, ...).
#pragma once

#include <jsapi.h>

#include <string>
#include <string_view>

#include "renderer/script/script_context.h"

namespace sandtab::script {

// Returns false with `*error` set if any step fails. `natives` is set as
// soon as it exists (the owner detaches it even after a failure).
bool InstallPrelude(ScriptContext& context, const JSClass* natives_class, const JSFunctionSpec* functions, void* owner,
                    std::string_view source, std::string_view filename, JS::MutableHandleObject natives,
                    JS::MutableHandleObject internal, std::string* error);

// Evaluates a prelude's source (the function expression) now, in a context
// made ahead of its page, and keeps the function for InstallPrelude.
ScriptResult EvaluatePreludeAhead(ScriptContext& context, std::string_view source, std::string_view filename);

// internal[name](...args), as one task.
ScriptResult CallPreludeMethod(ScriptContext& context, JSObject* internal, const char* name,
                               const JS::HandleValueArray& args, JS::MutableHandleValue result);

// The owner behind a native's `this`, or nullptr with an exception pending
// (called some other way, or the owner is gone).
void* PreludeOwner(JSContext* cx, const JS::CallArgs& args, const JSClass* natives_class);

// A native's answer: `text` (UTF-8) as a JS string in args.rval(); false
// when the string cannot be made (out of memory).
bool ReturnString(JSContext* cx, const JS::CallArgs& args, std::string_view text);

// When the owner goes: natives a script still holds then reach nothing.
void DetachPrelude(JSObject* natives);

}  // namespace sandtab::script
