#include "renderer/script/dom_binding.h"

#include <js/Object.h>
#include <js/PropertyAndElement.h>

#include "renderer/script/dom_natives.h"
#include "renderer/script/prelude.h"

namespace sandtab::script {

const char* DomPrelude();  // dom_prelude.cc
constexpr char kDomPreludeFile[] = "sandtab:dom-prelude.js";

namespace {

const JSClass kNodeClass = {"Node", JSCLASS_HAS_RESERVED_SLOTS(1), nullptr, nullptr, nullptr, nullptr};

enum Prototype { kElementPrototype, kTextPrototype, kCommentPrototype, kDocumentPrototype };

}  // namespace

std::unique_ptr<DomBinding> DomBinding::Create(ScriptContext& context, Document& document, ConsoleSink console,
                                               std::string* error) {
  std::unique_ptr<DomBinding> binding(new DomBinding(context, document, std::move(console)));
  if (!binding->Install(error)) return nullptr;
  return binding;
}

ScriptResult DomBinding::EvaluatePreludeAhead(ScriptContext& context) {
  return script::EvaluatePreludeAhead(context, DomPrelude(), kDomPreludeFile);
}

bool DomBinding::Install(std::string* error) {
  JS_AddExtraGCRootsTracer(context_.cx(), Trace, this);
  JSContext* cx = context_.cx();
  JS::RootedObject natives(cx);
  JS::RootedObject internal(cx);
  const bool ok = InstallPrelude(context_, &kDomNativesClass, kDomNatives, this, DomPrelude(), kDomPreludeFile,
                                 &natives, &internal, error);
  natives_ = natives;
  if (!ok) return false;
  internal_ = internal;
  for (const auto& prototype : prototypes_) {
    if (!prototype) {
      *error = "the DOM prelude did not set the prototypes";
      return false;
    }
  }
  return true;
}

DomBinding::~DomBinding() {
  // A script still holding a wrapper after the page went reaches no node.
  for (auto& [node, wrapper] : wrappers_) {
    if (wrapper) JS::SetReservedSlot(wrapper, 0, JS::UndefinedValue());
  }
  DetachPrelude(natives_);
  JS_RemoveExtraGCRootsTracer(context_.cx(), Trace, this);
}

void DomBinding::Trace(JSTracer* tracer, void* self) {
  auto* binding = static_cast<DomBinding*>(self);
  for (auto& [node, wrapper] : binding->wrappers_) JS::TraceEdge(tracer, &wrapper, "node wrapper");
  for (auto& prototype : binding->prototypes_) JS::TraceEdge(tracer, &prototype, "DOM prototype");
  JS::TraceEdge(tracer, &binding->internal_, "DOM prelude");
  JS::TraceEdge(tracer, &binding->natives_, "DOM natives");
}

JSObject* DomBinding::Wrap(Node* node) {
  auto it = wrappers_.find(node);
  if (it != wrappers_.end()) return it->second;
  Prototype prototype = kElementPrototype;
  switch (node->type()) {
    case NodeType::kElement:
      prototype = kElementPrototype;
      break;
    case NodeType::kText:
      prototype = kTextPrototype;
      break;
    case NodeType::kComment:
      prototype = kCommentPrototype;
      break;
    case NodeType::kDocument:
      prototype = kDocumentPrototype;
      break;
  }
  JSContext* cx = context_.cx();
  JS::RootedObject proto(cx, prototypes_[prototype]);
  JSObject* wrapper = JS_NewObjectWithGivenProto(cx, &kNodeClass, proto);
  if (!wrapper) return nullptr;
  JS::SetReservedSlot(wrapper, 0, JS::PrivateValue(node));
  wrappers_[node] = wrapper;
  return wrapper;
}

Node* DomBinding::Unwrap(JS::HandleValue value) const {
  if (!value.isObject() || JS::GetClass(&value.toObject()) != &kNodeClass) return nullptr;
  return JS::GetMaybePtrFromReservedSlot<Node>(&value.toObject(), 0);
}

void DomBinding::Console(std::string_view level, std::string_view text) const {
  if (console_) console_(MakeConsoleLine(level, text));
}

ScriptResult DomBinding::CallInternal(const char* name, const JS::HandleValueArray& args,
                                      JS::MutableHandleValue result) {
  return CallPreludeMethod(context_, internal_, name, args, result);
}

ScriptResult DomBinding::DispatchEvent(Node* target, std::string_view type, bool bubbles, bool cancelable,
                                       bool* not_canceled, std::string_view key) {
  JSContext* cx = context_.cx();
  JSAutoRealm realm(cx, context_.global());
  JS::RootedValueArray<5> args(cx);
  JSObject* wrapper = Wrap(target);
  JSString* type_string = JS_NewStringCopyN(cx, type.data(), type.size());
  JSString* key_string = JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(key.data(), key.size()));
  if (!wrapper || !type_string || !key_string) {
    JS_ClearPendingException(cx);
    return {ScriptOutcome::kOutOfMemory, {}, false, "out of memory"};
  }
  args[0].setObject(*wrapper);
  args[1].setString(type_string);
  args[2].setBoolean(bubbles);
  args[3].setBoolean(cancelable);
  args[4].setString(key_string);
  JS::RootedValue result(cx);
  ScriptResult outcome = CallInternal("dispatch", args, &result);
  if (not_canceled) *not_canceled = !outcome.ok() || !result.isFalse();
  return outcome;
}

ScriptResult DomBinding::DispatchWindowEvent(std::string_view type) {
  JSContext* cx = context_.cx();
  JSAutoRealm realm(cx, context_.global());
  JS::RootedValueArray<1> args(cx);
  JSString* type_string = JS_NewStringCopyN(cx, type.data(), type.size());
  if (!type_string) return {ScriptOutcome::kOutOfMemory, {}, false, "out of memory"};
  args[0].setString(type_string);
  JS::RootedValue ignored(cx);
  return CallInternal("dispatchWindow", args, &ignored);
}

void DomBinding::SetReadyState(std::string_view state) {
  JSContext* cx = context_.cx();
  JSAutoRealm realm(cx, context_.global());
  JS::RootedValueArray<1> args(cx);
  JSString* state_string = JS_NewStringCopyN(cx, state.data(), state.size());
  if (!state_string) return;
  args[0].setString(state_string);
  JS::RootedValue ignored(cx);
  CallInternal("setReadyState", args, &ignored);
}

}  // namespace sandtab::script
