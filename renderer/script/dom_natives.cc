#include "renderer/script/dom_natives.h"

#include <js/Array.h>
#include <js/Conversions.h>
#include <js/Object.h>
#include <js/PropertyAndElement.h>

#include <optional>

#include "renderer/script/dom_binding.h"
#include "renderer/script/html_parser.h"
#include "renderer/script/html_serializer.h"
#include "renderer/script/prelude.h"
#include "renderer/script/selector.h"

namespace sandtab::script {

const JSClass kDomNativesClass = {"DomNatives", JSCLASS_HAS_RESERVED_SLOTS(1), nullptr, nullptr, nullptr, nullptr};

// One native's view of its call: the binding, its arguments, its result.
struct DomNatives {
  JSContext* cx;
  JS::CallArgs args;
  DomBinding* binding;

  static std::optional<DomNatives> From(JSContext* cx, unsigned argc, JS::Value* vp) {
    JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
    auto* binding = static_cast<DomBinding*>(PreludeOwner(cx, args, &kDomNativesClass));
    if (!binding) return std::nullopt;
    return DomNatives{cx, args, binding};
  }

  Node* NodeAt(unsigned i) const { return binding->Unwrap(args.get(i)); }
  // Reports an error when argument i is no node of this document (the prelude checks types first).
  Node* RequireNode(unsigned i) const {
    Node* node = NodeAt(i);
    if (!node) JS_ReportErrorASCII(cx, "argument %u is not a node", i + 1);
    return node;
  }
  void SetPrototype(int index, JSObject* prototype) const { binding->prototypes_[index] = prototype; }
  std::string StringAt(unsigned i) const { return ScriptContext::ValueToString(cx, args.get(i)); }

  bool Return(Node* node) const {
    JSObject* wrapper = node ? binding->Wrap(node) : nullptr;
    if (node && !wrapper) return false;
    args.rval().set(wrapper ? JS::ObjectValue(*wrapper) : JS::NullValue());
    return true;
  }
  bool Return(std::string_view text) const { return ReturnString(cx, args, text); }
  // A DOMException's "Name: message" for the prelude to throw, or null.
  bool ReturnError(const char* error) const {
    if (!error) {
      args.rval().setNull();
      return true;
    }
    return Return(std::string_view(error));
  }
  template <typename Container>
  bool ReturnNodes(const Container& nodes) const {
    JS::RootedObject array(cx, JS::NewArrayObject(cx, nodes.size()));
    if (!array) return false;
    for (size_t i = 0; i < nodes.size(); ++i) {
      JSObject* wrapper = binding->Wrap(nodes[i]);
      if (!wrapper) return false;
      JS::RootedValue value(cx, JS::ObjectValue(*wrapper));
      if (!JS_SetElement(cx, array, static_cast<uint32_t>(i), value)) return false;
    }
    args.rval().setObject(*array);
    return true;
  }
};

namespace {

using Native = bool (*)(JSContext*, unsigned, JS::Value*);

// Each native: its name for the prelude, and what it does with a DomNatives.
template <bool (*Body)(const DomNatives&)>
bool Run(JSContext* cx, unsigned argc, JS::Value* vp) {
  const auto call = DomNatives::From(cx, argc, vp);
  return call && Body(*call);
}

const char* NodeName(const Node& node) {
  switch (node.type()) {
    case NodeType::kText:
      return "#text";
    case NodeType::kComment:
      return "#comment";
    case NodeType::kDocument:
      return "#document";
    case NodeType::kElement:
      break;
  }
  return nullptr;
}

bool NodeTypeOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  c.args.rval().setInt32(static_cast<int>(node->type()));
  return true;
}

bool NodeNameOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  if (const char* name = NodeName(*node)) return c.Return(name);
  std::string tag = node->AsElement()->tag();
  for (char& ch : tag) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  return c.Return(tag);
}

bool ParentOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  return node && c.Return(node->parent());
}

bool ChildrenOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  return node && c.ReturnNodes(node->children());
}

// sibling(node, +1 | -1), or child(node, 0 | -1) for the first and last.
bool SiblingOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  return c.Return(c.args.get(1).isInt32() && c.args.get(1).toInt32() < 0 ? node->PreviousSibling()
                                                                         : node->NextSibling());
}

bool ChildAt(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  const auto& children = node->children();
  if (children.empty()) return c.Return(static_cast<Node*>(nullptr));
  return c.Return(c.args.get(1).isInt32() && c.args.get(1).toInt32() < 0 ? children.back() : children.front());
}

bool IsConnected(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  c.args.rval().setBoolean(node->IsConnected());
  return true;
}

bool TextContentOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  if (node->type() == NodeType::kDocument) {
    c.args.rval().setNull();
    return true;
  }
  return c.Return(node->TextContent());
}

bool SetTextContent(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  node->SetTextContent(c.StringAt(1));
  c.args.rval().setUndefined();
  return true;
}

bool GetAttribute(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  const std::string* value = node->AsElement() ? node->AsElement()->GetAttribute(c.StringAt(1)) : nullptr;
  if (!value) {
    c.args.rval().setNull();
    return true;
  }
  return c.Return(*value);
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (const char ch : name) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '/' || ch == '>' || ch == '<' ||
        ch == '"' || ch == '\'' || ch == '=' || ch == '\0') {
      return false;
    }
  }
  return true;
}

bool SetAttribute(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  const std::string name = c.StringAt(1);
  if (!IsValidName(name)) return c.ReturnError("InvalidCharacterError: the name is not a valid attribute name");
  if (Element* element = node->AsElement()) element->SetAttribute(name, c.StringAt(2));
  return c.ReturnError(nullptr);
}

bool RemoveAttribute(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  if (Element* element = node->AsElement()) element->RemoveAttribute(c.StringAt(1));
  c.args.rval().setUndefined();
  return true;
}

bool InsertBefore(const DomNatives& c) {
  Node* parent = c.RequireNode(0);
  Node* child = parent ? c.RequireNode(1) : nullptr;
  if (!child) return false;
  Node* reference = c.NodeAt(2);
  if (!reference && !c.args.get(2).isNullOrUndefined()) return c.RequireNode(2) != nullptr;
  return c.ReturnError(parent->InsertBefore(child, reference));
}

bool RemoveChild(const DomNatives& c) {
  Node* parent = c.RequireNode(0);
  Node* child = parent ? c.RequireNode(1) : nullptr;
  return child && c.ReturnError(parent->RemoveChild(child));
}

bool ContainsNode(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  c.args.rval().setBoolean(node->Contains(c.NodeAt(1)));
  return true;
}

bool InnerHtml(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  return node && c.Return(SerializeChildren(*node));
}

bool OuterHtml(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  return node && c.Return(SerializeNode(*node));
}

bool SetInnerHtml(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  if (Element* element = node->AsElement()) {
    const auto nodes = ParseFragment(c.StringAt(1), *element);
    element->RemoveAllChildren();
    for (Node* child : nodes) element->AppendChild(child);
  }
  c.args.rval().setUndefined();
  return true;
}

// query(root, selector, firstOnly): an array, or null if the selector is not one.
bool Query(const DomNatives& c) {
  Node* root = c.RequireNode(0);
  if (!root) return false;
  const auto selector = Selector::Parse(c.StringAt(1));
  if (!selector) {
    c.args.rval().setNull();
    return true;
  }
  return c.ReturnNodes(selector->Select(*root, c.args.get(2).isTrue()));
}

// matches(element, selector): a boolean, or undefined if the selector is not one.
bool Matches(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  const auto selector = Selector::Parse(c.StringAt(1));
  if (!selector) {
    c.args.rval().setUndefined();
    return true;
  }
  c.args.rval().setBoolean(node->AsElement() && selector->Matches(*node->AsElement()));
  return true;
}

bool GetElementById(const DomNatives& c) { return c.Return(c.binding->document().GetElementById(c.StringAt(0))); }

bool CreateElement(const DomNatives& c) {
  const std::string tag = c.StringAt(0);
  if (!IsValidName(tag)) return c.Return(static_cast<Node*>(nullptr));
  return c.Return(c.binding->document().CreateElement(tag));
}

bool CreateText(const DomNatives& c) { return c.Return(c.binding->document().CreateText(c.StringAt(0))); }
bool CreateComment(const DomNatives& c) { return c.Return(c.binding->document().CreateComment(c.StringAt(0))); }
bool DocumentNode(const DomNatives& c) { return c.Return(&c.binding->document()); }
bool Title(const DomNatives& c) { return c.Return(c.binding->document().title()); }

bool SetTitle(const DomNatives& c) {
  c.binding->document().SetTitle(c.StringAt(0));
  c.args.rval().setUndefined();
  return true;
}

bool DataOf(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  const CharacterData* data = node->AsCharacterData();
  return c.Return(data ? std::string_view(data->data()) : std::string_view());
}

bool SetData(const DomNatives& c) {
  Node* node = c.RequireNode(0);
  if (!node) return false;
  if (CharacterData* data = node->AsCharacterData()) data->SetData(c.StringAt(1));
  c.args.rval().setUndefined();
  return true;
}

// setPrototypes({Element, Text, Comment, Document}): what wrappers get,
// once, before the first wrapper is made.
bool SetPrototypes(const DomNatives& c) {
  static constexpr const char* kNames[] = {"Element", "Text", "Comment", "Document"};
  if (!c.args.get(0).isObject()) return c.RequireNode(0) != nullptr;
  JS::RootedObject holder(c.cx, &c.args.get(0).toObject());
  for (int i = 0; i < 4; ++i) {
    JS::RootedValue prototype(c.cx);
    if (!JS_GetProperty(c.cx, holder, kNames[i], &prototype)) return false;
    if (!prototype.isObject()) {
      JS_ReportErrorASCII(c.cx, "no prototype for %s", kNames[i]);
      return false;
    }
    c.SetPrototype(i, &prototype.toObject());
  }
  c.args.rval().setUndefined();
  return true;
}

bool ConsoleNative(const DomNatives& c) {
  c.binding->Console(c.StringAt(0), c.StringAt(1));
  c.args.rval().setUndefined();
  return true;
}

bool ReportException(const DomNatives& c) {
  c.binding->context().ReportException(c.args.get(0));
  c.args.rval().setUndefined();
  return true;
}

const JSFunctionSpec kNatives[] = {JS_FN("nodeType", Run<NodeTypeOf>, 1, 0),
                                   JS_FN("nodeName", Run<NodeNameOf>, 1, 0),
                                   JS_FN("parent", Run<ParentOf>, 1, 0),
                                   JS_FN("children", Run<ChildrenOf>, 1, 0),
                                   JS_FN("sibling", Run<SiblingOf>, 2, 0),
                                   JS_FN("child", Run<ChildAt>, 2, 0),
                                   JS_FN("connected", Run<IsConnected>, 1, 0),
                                   JS_FN("textContent", Run<TextContentOf>, 1, 0),
                                   JS_FN("setTextContent", Run<SetTextContent>, 2, 0),
                                   JS_FN("data", Run<DataOf>, 1, 0),
                                   JS_FN("setData", Run<SetData>, 2, 0),
                                   JS_FN("getAttribute", Run<GetAttribute>, 2, 0),
                                   JS_FN("setAttribute", Run<SetAttribute>, 3, 0),
                                   JS_FN("removeAttribute", Run<RemoveAttribute>, 2, 0),
                                   JS_FN("insertBefore", Run<InsertBefore>, 3, 0),
                                   JS_FN("removeChild", Run<RemoveChild>, 2, 0),
                                   JS_FN("contains", Run<ContainsNode>, 2, 0),
                                   JS_FN("innerHTML", Run<InnerHtml>, 1, 0),
                                   JS_FN("setInnerHTML", Run<SetInnerHtml>, 2, 0),
                                   JS_FN("outerHTML", Run<OuterHtml>, 1, 0),
                                   JS_FN("query", Run<Query>, 3, 0),
                                   JS_FN("matches", Run<Matches>, 2, 0),
                                   JS_FN("getElementById", Run<GetElementById>, 1, 0),
                                   JS_FN("createElement", Run<CreateElement>, 1, 0),
                                   JS_FN("createText", Run<CreateText>, 1, 0),
                                   JS_FN("createComment", Run<CreateComment>, 1, 0),
                                   JS_FN("document", Run<DocumentNode>, 0, 0),
                                   JS_FN("title", Run<Title>, 0, 0),
                                   JS_FN("setTitle", Run<SetTitle>, 1, 0),
                                   JS_FN("console", Run<ConsoleNative>, 2, 0),
                                   JS_FN("setPrototypes", Run<SetPrototypes>, 1, 0),
                                   JS_FN("reportException", Run<ReportException>, 1, 0),
                                   JS_FS_END};

}  // namespace

const JSFunctionSpec* const kDomNatives = kNatives;

}  // namespace sandtab::script
