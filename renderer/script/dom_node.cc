#include "renderer/script/dom_node.h"

#include <algorithm>

#include "renderer/script/dom_document.h"

namespace sandtab::script {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

Node* Node::NextSibling() const {
  if (!parent_) return nullptr;
  const auto& siblings = parent_->children_;
  const auto it = std::find(siblings.begin(), siblings.end(), this);
  return it + 1 < siblings.end() ? *(it + 1) : nullptr;
}

Node* Node::PreviousSibling() const {
  if (!parent_) return nullptr;
  const auto& siblings = parent_->children_;
  const auto it = std::find(siblings.begin(), siblings.end(), this);
  return it != siblings.begin() ? *(it - 1) : nullptr;
}

bool Node::IsConnected() const {
  const Node* node = this;
  while (node->parent_) node = node->parent_;
  return node->type_ == NodeType::kDocument;
}

bool Node::Contains(const Node* other) const {
  for (; other; other = other->parent_) {
    if (other == this) return true;
  }
  return false;
}

Element* Node::AsElement() { return type_ == NodeType::kElement ? static_cast<Element*>(this) : nullptr; }
const Element* Node::AsElement() const {
  return type_ == NodeType::kElement ? static_cast<const Element*>(this) : nullptr;
}
CharacterData* Node::AsCharacterData() {
  return type_ == NodeType::kText || type_ == NodeType::kComment ? static_cast<CharacterData*>(this) : nullptr;
}
const CharacterData* Node::AsCharacterData() const {
  return type_ == NodeType::kText || type_ == NodeType::kComment ? static_cast<const CharacterData*>(this) : nullptr;
}

void Node::Changed() { ++document_->generation_; }

// The pre-insertion validity checks of the DOM standard, for the node
// types this DOM has.
const char* Node::CheckInsertion(const Node* child, const Node* reference) const {
  if (type_ != NodeType::kElement && type_ != NodeType::kDocument) {
    return "HierarchyRequestError: this node cannot have children";
  }
  // A childless node contains only itself: appending a new node costs no
  // walk up a deep tree.
  if (child == this || (!child->children_.empty() && child->Contains(this))) {
    return "HierarchyRequestError: the new child contains the parent";
  }
  if (&child->document() != document_) return "WrongDocumentError: the node belongs to another document";
  if (reference && reference->parent_ != this) return "NotFoundError: the reference node is not a child of this node";
  if (child->type_ == NodeType::kDocument) return "HierarchyRequestError: a document cannot be a child";
  if (type_ == NodeType::kDocument) {
    if (child->type_ == NodeType::kText) return "HierarchyRequestError: a document cannot hold text";
    if (child->type_ == NodeType::kElement) {
      for (const Node* existing : children_) {
        if (existing->type_ == NodeType::kElement && existing != child) {
          return "HierarchyRequestError: a document has only one element";
        }
      }
    }
  }
  return nullptr;
}

const char* Node::InsertBefore(Node* child, Node* reference) {
  if (const char* error = CheckInsertion(child, reference)) return error;
  if (reference == child) reference = child->NextSibling();
  if (child->parent_) child->parent_->RemoveChild(child);
  const auto at = reference ? std::find(children_.begin(), children_.end(), reference) : children_.end();
  children_.insert(at, child);
  child->parent_ = this;
  Changed();
  document_->NoteStructureChange(this);
  return nullptr;
}

const char* Node::RemoveChild(Node* child) {
  if (!child || child->parent_ != this) return "NotFoundError: the node is not a child of this node";
  children_.erase(std::find(children_.begin(), children_.end(), child));
  child->parent_ = nullptr;
  Changed();
  document_->NoteStructureChange(this);
  return nullptr;
}

void Node::RemoveAllChildren() {
  for (Node* child : children_) child->parent_ = nullptr;
  children_.clear();
  Changed();
  document_->NoteStructureChange(this);
}

std::string Node::TextContent() const {
  if (const CharacterData* data = AsCharacterData()) return data->data();
  std::string text;
  std::vector<const Node*> pending(children_.rbegin(), children_.rend());
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    if (node->type_ == NodeType::kText) text += static_cast<const CharacterData*>(node)->data();
    pending.insert(pending.end(), node->children_.rbegin(), node->children_.rend());
  }
  return text;
}

void Node::SetTextContent(std::string_view text) {
  if (CharacterData* data = AsCharacterData()) return data->SetData(text);
  if (type_ == NodeType::kDocument) return;  // null for documents: setting does nothing
  // For the layout, new text in place of the children: a text change when
  // no element child goes (LayoutChanges), not a structure change.
  const bool had_element_child = std::any_of(children_.begin(), children_.end(),
                                             [](const Node* child) { return child->type() == NodeType::kElement; });
  const LayoutChanges before = document_->layout_changes_;
  RemoveAllChildren();
  if (!text.empty()) AppendChild(document_->CreateText(text));
  if (!had_element_child && !before.rebuild) {
    document_->layout_changes_.rebuild = false;
    document_->NoteTextChange(AsElement());
  }
}

void CharacterData::SetData(std::string_view data) {
  data_ = data;
  Changed();
  if (type() != NodeType::kText || !parent()) return;  // a comment is not laid out
  if (const Element* element = parent()->AsElement()) {
    document().NoteTextChange(element);
  } else {
    document().NoteStructureChange(parent());
  }
}

const std::string* Element::GetAttribute(std::string_view name) const {
  const std::string lower = AsciiLower(name);
  for (const auto& [key, value] : attributes_) {
    if (key == lower) return &value;
  }
  return nullptr;
}

void Element::SetAttribute(std::string_view name, std::string_view value) {
  const std::string lower = AsciiLower(name);
  auto it = std::find_if(attributes_.begin(), attributes_.end(), [&](const auto& a) { return a.first == lower; });
  const std::string new_value(value);
  if (lower == "id") {
    document().IdChanged(this, it != attributes_.end() ? &it->second : nullptr, &new_value);
  }
  if (it != attributes_.end()) {
    it->second = new_value;
  } else {
    attributes_.emplace_back(lower, new_value);
  }
  Changed();
  AttributeChanged(lower);
}

// A style attribute litehtml can apply in place; any other may change which
// rules match (class, id, ...): a rebuild.
void Element::AttributeChanged(std::string_view name) {
  if (name == "style") {
    document().NoteStyleChange(this);
  } else {
    document().NoteStructureChange(this);
  }
}

void Element::RemoveAttribute(std::string_view name) {
  const std::string lower = AsciiLower(name);
  auto it = std::find_if(attributes_.begin(), attributes_.end(), [&](const auto& a) { return a.first == lower; });
  if (it == attributes_.end()) return;
  if (lower == "id") document().IdChanged(this, &it->second, nullptr);
  attributes_.erase(it);
  Changed();
  AttributeChanged(lower);
}

std::string Element::id() const {
  const std::string* id = GetAttribute("id");
  return id ? *id : std::string();
}

bool Element::HasClass(std::string_view name) const {
  const std::string* classes = GetAttribute("class");
  if (!classes || name.empty()) return false;
  constexpr std::string_view kSpace = " \t\n\f\r";
  std::string_view rest = *classes;
  while (!rest.empty()) {
    const size_t start = rest.find_first_not_of(kSpace);
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const size_t end = std::min(rest.find_first_of(kSpace), rest.size());
    if (rest.substr(0, end) == name) return true;
    rest.remove_prefix(end);
  }
  return false;
}

}  // namespace sandtab::script
