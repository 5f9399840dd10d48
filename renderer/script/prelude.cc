#include "renderer/script/prelude.h"

#include <js/Object.h>
#include <js/PropertyAndElement.h>

namespace sandtab::script {

bool InstallPrelude(ScriptContext& context, const JSClass* natives_class, const JSFunctionSpec* functions, void* owner,
                    std::string_view source, std::string_view filename, JS::MutableHandleObject natives,
                    JS::MutableHandleObject internal_out, std::string* error) {
  JSContext* cx = context.cx();
  JSAutoRealm realm(cx, context.global());
  natives.set(JS_NewObject(cx, natives_class));
  if (!natives || !JS_DefineFunctions(cx, natives, functions)) {
    JS_ClearPendingException(cx);
    *error = std::string(filename) + ": could not define the natives";
    return false;
  }
  JS::SetReservedSlot(natives, 0, JS::PrivateValue(owner));
  JS::RootedValue prelude(cx);
  ScriptResult result;
  if (!context.TakeEvaluatedPrelude(filename, &prelude)) result = context.Evaluate(source, filename, 1, &prelude);
  JS::RootedValueArray<2> args(cx);
  args[0].setObject(*natives);
  args[1].setObject(*context.global());
  JS::RootedValue internal(cx);
  if (result.ok()) result = context.Call(prelude, args, &internal);
  if (!result.ok() || !internal.isObject()) {
    *error = std::string(filename) + " failed: " + result.error;
    return false;
  }
  internal_out.set(&internal.toObject());
  return true;
}

ScriptResult EvaluatePreludeAhead(ScriptContext& context, std::string_view source, std::string_view filename) {
  JSContext* cx = context.cx();
  JSAutoRealm realm(cx, context.global());
  JS::RootedValue prelude(cx);
  ScriptResult result = context.Evaluate(source, filename, 1, &prelude);
  if (result.ok()) context.KeepEvaluatedPrelude(filename, prelude);
  return result;
}

ScriptResult CallPreludeMethod(ScriptContext& context, JSObject* internal_object, const char* name,
                               const JS::HandleValueArray& args, JS::MutableHandleValue result) {
  JSContext* cx = context.cx();
  JSAutoRealm realm(cx, context.global());
  JS::RootedObject internal(cx, internal_object);
  JS::RootedValue function(cx);
  if (!internal || !JS_GetProperty(cx, internal, name, &function)) {
    JS_ClearPendingException(cx);
    return {ScriptOutcome::kException, {}, false, std::string("the prelude has no ") + name};
  }
  return context.Call(function, args, result);
}

void* PreludeOwner(JSContext* cx, const JS::CallArgs& args, const JSClass* natives_class) {
  if (!args.thisv().isObject() || JS::GetClass(&args.thisv().toObject()) != natives_class) {
    JS_ReportErrorASCII(cx, "not callable this way");
    return nullptr;
  }
  void* owner = JS::GetMaybePtrFromReservedSlot<void>(&args.thisv().toObject(), 0);
  if (!owner) JS_ReportErrorASCII(cx, "the page has gone");
  return owner;
}

bool ReturnString(JSContext* cx, const JS::CallArgs& args, std::string_view text) {
  JSString* string = JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(text.data(), text.size()));
  if (!string) return false;
  args.rval().setString(string);
  return true;
}

void DetachPrelude(JSObject* natives) {
  if (natives) JS::SetReservedSlot(natives, 0, JS::UndefinedValue());
}

}  // namespace sandtab::script
