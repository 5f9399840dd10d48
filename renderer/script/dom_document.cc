#include "renderer/script/dom_document.h"

#include <algorithm>

namespace sandtab::script {

namespace {

Element* FirstChildElement(const Node* parent, std::string_view tag) {
  for (Node* child : parent->children()) {
    if (Element* element = child->AsElement(); element && element->tag() == tag) return element;
  }
  return nullptr;
}

// The first element in tree order (depth first, pre-order) that `accept` takes.
template <typename Accept>
Element* FindInTreeOrder(const Node* root, Accept accept) {
  std::vector<Node*> pending(root->children().rbegin(), root->children().rend());
  while (!pending.empty()) {
    Node* node = pending.back();
    pending.pop_back();
    if (Element* element = node->AsElement(); element && accept(element)) return element;
    pending.insert(pending.end(), node->children().rbegin(), node->children().rend());
  }
  return nullptr;
}

std::string CollapseWhiteSpace(std::string_view text) {
  std::string collapsed;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

}  // namespace

Document::Document() : Node(NodeType::kDocument, this, 0) {}

Document::~Document() = default;

template <typename T, typename... Args>
T* Document::Own(Args&&... args) {
  T* node = new T(this, nodes_.size() + 1, std::forward<Args>(args)...);
  nodes_.emplace_back(node);
  return node;
}

// No change asks whether its node is connected: that walks up the tree, and
// a script may build a chain 200,000 deep one append at a time. A change to
// a detached node costs at most one needless rebuild (an in-place change
// finds no element in litehtml's tree and falls back to it).
void Document::NoteStructureChange(const Node*) { layout_changes_.rebuild = true; }

void Document::NoteTextChange(const Element* element) {
  if (layout_changes_.rebuild) return;
  const Node* parent = element->parent();
  if (element->tag() == "title" && parent && parent->AsElement() && parent->AsElement()->tag() == "head") {
    layout_changes_.title = true;
    return;
  }
  // Text whose words litehtml splits like any other: not in raw-text or
  // preformatted elements, and only where the element holds nothing else.
  static const std::set<std::string, std::less<>> kRebuilt = {"title",    "style", "script", "textarea",
                                                              "noscript", "pre",   "option", "listing"};
  bool only_text = !kRebuilt.count(element->tag());
  for (const Node* child : element->children()) {
    only_text = only_text && (child->type() == NodeType::kText || child->type() == NodeType::kComment);
  }
  if (only_text) {
    layout_changes_.text.insert(element);
  } else {
    layout_changes_.rebuild = true;
  }
}

void Document::NoteStyleChange(const Element* element) {
  if (!layout_changes_.rebuild) layout_changes_.style.insert(element);
}

Node* Document::NodeBySerial(uint64_t serial) const {
  if (serial == 0) return const_cast<Document*>(this);
  return serial <= nodes_.size() ? nodes_[serial - 1].get() : nullptr;
}

Element* Document::CreateElement(std::string_view tag) { return Own<Element>(AsciiLower(tag)); }

CharacterData* Document::CreateText(std::string_view data) {
  auto* node = new CharacterData(NodeType::kText, this, nodes_.size() + 1, data);
  nodes_.emplace_back(node);
  return node;
}

CharacterData* Document::CreateComment(std::string_view data) {
  auto* node = new CharacterData(NodeType::kComment, this, nodes_.size() + 1, data);
  nodes_.emplace_back(node);
  return node;
}

Element* Document::document_element() const {
  for (Node* child : children()) {
    if (Element* element = child->AsElement()) return element;
  }
  return nullptr;
}

Element* Document::head() const {
  const Element* html = document_element();
  return html ? FirstChildElement(html, "head") : nullptr;
}

Element* Document::body() const {
  const Element* html = document_element();
  return html ? FirstChildElement(html, "body") : nullptr;
}

std::string Document::title() const {
  const Element* title = FindInTreeOrder(this, [](const Element* e) { return e->tag() == "title"; });
  return title ? CollapseWhiteSpace(title->TextContent()) : std::string();
}

void Document::SetTitle(std::string_view text) {
  Element* title = FindInTreeOrder(this, [](const Element* e) { return e->tag() == "title"; });
  if (!title) {
    Element* head = this->head();
    if (!head) return;
    title = CreateElement("title");
    head->AppendChild(title);
  }
  title->SetTextContent(text);
}

Element* Document::GetElementById(std::string_view id) const {
  const auto it = elements_by_id_.find(std::string(id));
  if (it == elements_by_id_.end()) return nullptr;
  Element* only = nullptr;
  int connected = 0;
  for (Element* element : it->second) {
    if (element->IsConnected() && connected++ == 0) only = element;
  }
  if (connected <= 1) return only;
  // Several share the id: the first in tree order wins, as in browsers.
  return FindInTreeOrder(this, [&](const Element* e) { return e->id() == id; });
}

void Document::IdChanged(Element* element, const std::string* old_id, const std::string* new_id) {
  if (old_id) {
    auto it = elements_by_id_.find(*old_id);
    if (it != elements_by_id_.end()) {
      std::erase(it->second, element);
      if (it->second.empty()) elements_by_id_.erase(it);
    }
  }
  if (new_id && !new_id->empty()) elements_by_id_[*new_id].push_back(element);
}

}  // namespace sandtab::script
