// The page's own DOM: what scripts see and change. litehtml's tree is built
// from it (a full rebuild from its HTML first; incremental later), because
// litehtml 0.6 has no node identity, no text nodes (it splits text into
// words), no insertBefore and no listeners.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sandtab::script {

class Document;
class Element;
class CharacterData;

enum class NodeType : int { kElement = 1, kText = 3, kComment = 8, kDocument = 9 };

// A node belongs to its Document, which owns it for the Document's whole
// life, attached or not (a script may hold a detached node and attach it
// later), so a Node* stays valid as long as its Document.
class Node {
 public:
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  NodeType type() const { return type_; }
  Document& document() const { return *document_; }
  // Identity that outlives any rebuild of the layout tree.
  uint64_t serial() const { return serial_; }
  Node* parent() const { return parent_; }
  const std::vector<Node*>& children() const { return children_; }
  Node* NextSibling() const;
  Node* PreviousSibling() const;
  bool IsConnected() const;
  bool Contains(const Node* other) const;  // inclusive descendant

  Element* AsElement();
  const Element* AsElement() const;
  CharacterData* AsCharacterData();
  const CharacterData* AsCharacterData() const;

  // The DOM's tree mutations. Each returns nullptr when done, or the
  // DOMException it raises ("HierarchyRequestError: ...").
  const char* InsertBefore(Node* child, Node* reference);  // reference nullptr: append
  const char* AppendChild(Node* child) { return InsertBefore(child, nullptr); }
  const char* RemoveChild(Node* child);
  void RemoveAllChildren();

  std::string TextContent() const;
  void SetTextContent(std::string_view text);

 protected:
  Node(NodeType type, Document* document, uint64_t serial) : type_(type), document_(document), serial_(serial) {}
  void Changed();

 private:
  const char* CheckInsertion(const Node* child, const Node* reference) const;

  const NodeType type_;
  Document* const document_;
  const uint64_t serial_;
  Node* parent_ = nullptr;
  std::vector<Node*> children_;
};

// Text and Comment nodes.
class CharacterData final : public Node {
 public:
  const std::string& data() const { return data_; }
  void SetData(std::string_view data);

 private:
  friend class Document;
  CharacterData(NodeType type, Document* document, uint64_t serial, std::string_view data)
      : Node(type, document, serial), data_(data) {}
  std::string data_;
};

class Element final : public Node {
 public:
  const std::string& tag() const { return tag_; }  // lower case
  const std::vector<std::pair<std::string, std::string>>& attributes() const { return attributes_; }
  const std::string* GetAttribute(std::string_view name) const;
  void SetAttribute(std::string_view name, std::string_view value);
  void RemoveAttribute(std::string_view name);
  std::string id() const;
  bool HasClass(std::string_view name) const;

 private:
  friend class Document;
  Element(Document* document, uint64_t serial, std::string_view tag)
      : Node(NodeType::kElement, document, serial), tag_(tag) {}
  void AttributeChanged(std::string_view name);

  const std::string tag_;
  std::vector<std::pair<std::string, std::string>> attributes_;
};

// Names are ASCII case-insensitive in HTML: the DOM keeps them lower case.
std::string AsciiLower(std::string_view text);

}  // namespace sandtab::script
