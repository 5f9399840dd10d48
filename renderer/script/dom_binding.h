// The page's DOM as JavaScript sees it. C++ keeps the tree and its rules
// (Document); the Web IDL surface — Node, Element, Document, Event,
// EventTarget, classList, style, console — is written in JavaScript
// (dom_prelude.cc) over a small set of natives that only it can reach (a
// closure argument, never a global). Listeners are JS functions, so they
// live in the realm (a WeakMap per target), where the GC sees them.
#pragma once

#include <jsapi.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "renderer/script/console_line.h"
#include "renderer/script/dom_document.h"
#include "renderer/script/script_context.h"

namespace sandtab::script {

class DomBinding {
 public:
  using ConsoleSink = std::function<void(const ConsoleLine&)>;

  // Defines `document`, `window`, the DOM interfaces and `console` in the
  // context's global. `document` and `context` must outlive the binding.
  static std::unique_ptr<DomBinding> Create(ScriptContext& context, Document& document, ConsoleSink console,
                                            std::string* error);
  // The DOM prelude evaluated in a context made ahead of its page (a
  // spare's): the binding Created later in it calls the function kept, and
  // does not parse the prelude's 26 KB again (~1 ms).
  static ScriptResult EvaluatePreludeAhead(ScriptContext& context);
  ~DomBinding();
  DomBinding(const DomBinding&) = delete;
  DomBinding& operator=(const DomBinding&) = delete;

  // Fires an event at `target` as one task; `*not_canceled` is false when a
  // listener called preventDefault() (a link then does not navigate).
  // `key` is a keyboard event's KeyboardEvent.key.
  ScriptResult DispatchEvent(Node* target, std::string_view type, bool bubbles, bool cancelable,
                             bool* not_canceled = nullptr, std::string_view key = {});
  // load, at the window (the global).
  ScriptResult DispatchWindowEvent(std::string_view type);
  // document.readyState: "loading", "interactive", "complete".
  void SetReadyState(std::string_view state);

  // The one wrapper of `node` (identity: the same object every time).
  JSObject* Wrap(Node* node);
  Node* Unwrap(JS::HandleValue value) const;

  Document& document() const { return document_; }
  ScriptContext& context() const { return context_; }
  void Console(std::string_view level, std::string_view text) const;

 private:
  DomBinding(ScriptContext& context, Document& document, ConsoleSink console)
      : context_(context), document_(document), console_(std::move(console)) {}
  bool Install(std::string* error);
  ScriptResult CallInternal(const char* name, const JS::HandleValueArray& args, JS::MutableHandleValue result);
  static void Trace(JSTracer* tracer, void* self);

  ScriptContext& context_;
  Document& document_;
  const ConsoleSink console_;
  // Wrappers live as long as the document (its nodes do too), traced as roots.
  std::unordered_map<Node*, JS::Heap<JSObject*>> wrappers_;
  JS::Heap<JSObject*> prototypes_[4];  // element, text, comment, document
  JS::Heap<JSObject*> internal_;       // what the prelude hands back: dispatch, ...
  JS::Heap<JSObject*> natives_;

  friend struct DomNatives;
};

}  // namespace sandtab::script
