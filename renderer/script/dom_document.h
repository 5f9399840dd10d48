// The page's document: owns every node, finds elements by id, and counts
// changes so the renderer lays out and paints at most once per frame after
// scripts changed anything.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "renderer/script/dom_node.h"

namespace sandtab::script {

// What changed in the tree since the layout last took it, as the renderer
// applies it to litehtml's tree in place (litehtml 0.6 has a text setter
// for none of it, and no insertBefore): elements whose only children are
// text and whose text changed, elements whose style attribute changed, the
// title; anything else (a node added or removed, a class, an id) makes the
// renderer rebuild litehtml's document from the DOM.
struct LayoutChanges {
  bool rebuild = false;
  std::set<const Element*> text;   // elements with only text (and comment) children
  std::set<const Element*> style;  // elements whose style attribute changed
  bool title = false;
  bool empty() const { return !rebuild && text.empty() && style.empty() && !title; }
};

class Document final : public Node {
 public:
  Document();
  ~Document() override;

  Element* CreateElement(std::string_view tag);
  CharacterData* CreateText(std::string_view data);
  CharacterData* CreateComment(std::string_view data);

  Element* document_element() const;  // <html>
  Element* head() const;
  Element* body() const;
  // The first <title>'s text, white space collapsed; setting makes one in <head> if needed.
  std::string title() const;
  void SetTitle(std::string_view title);

  Element* GetElementById(std::string_view id) const;
  // The node whose serial() this is, attached or not; nullptr if none.
  Node* NodeBySerial(uint64_t serial) const;

  // Bumped by every change to the tree, its text or its attributes.
  uint64_t generation() const { return generation_; }
  // The changes since the last call, for the layout.
  LayoutChanges TakeLayoutChanges() { return std::exchange(layout_changes_, {}); }
  size_t node_count() const { return nodes_.size(); }

 private:
  friend class Node;
  friend class Element;
  friend class CharacterData;
  template <typename T, typename... Args>
  T* Own(Args&&... args);
  void IdChanged(Element* element, const std::string* old_id, const std::string* new_id);
  // The layout's view of one change (LayoutChanges).
  void NoteStructureChange(const Node* node);
  void NoteTextChange(const Element* element);
  void NoteStyleChange(const Element* element);

  std::vector<std::unique_ptr<Node>> nodes_;
  std::unordered_map<std::string, std::vector<Element*>> elements_by_id_;
  uint64_t generation_ = 0;
  LayoutChanges layout_changes_;
};

}  // namespace sandtab::script
