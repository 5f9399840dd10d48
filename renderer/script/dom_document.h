// The page's document: owns every node, finds elements by id, and counts
// changes so the renderer lays out and paints at most once per frame after
// scripts changed anything.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "renderer/script/dom_node.h"

namespace sandtab::script {

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
  size_t node_count() const { return nodes_.size(); }

 private:
  friend class Node;
  friend class Element;
  template <typename T, typename... Args>
  T* Own(Args&&... args);
  void IdChanged(Element* element, const std::string* old_id, const std::string* new_id);

  std::vector<std::unique_ptr<Node>> nodes_;
  std::unordered_map<std::string, std::vector<Element*>> elements_by_id_;
  uint64_t generation_ = 0;
};

}  // namespace sandtab::script
