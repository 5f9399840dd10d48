#include "renderer/script/html_serializer.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sandtab::script {

namespace {

constexpr std::array<std::string_view, 13> kVoidElements = {"area",  "base", "br",   "col",    "embed", "hr", "img",
                                                            "input", "link", "meta", "source", "track", "wbr"};
// Their text is written as is: it is not parsed as markup either.
constexpr std::array<std::string_view, 7> kRawTextElements = {"style",   "script",   "xmp",      "iframe",
                                                              "noembed", "noframes", "plaintext"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  for (const auto candidate : names) {
    if (candidate == name) return true;
  }
  return false;
}

void AppendEscaped(std::string& out, std::string_view text, bool attribute) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '&') {
      out += "&amp;";
    } else if (c == '\xc2' && i + 1 < text.size() && text[i + 1] == '\xa0') {  // U+00A0 in UTF-8
      out += "&nbsp;";
      ++i;
    } else if (attribute && c == '"') {
      out += "&quot;";
    } else if (!attribute && c == '<') {
      out += "&lt;";
    } else if (!attribute && c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
}

void AppendStartTag(std::string& out, const Element& element, bool annotate) {
  out += '<' + element.tag();
  if (annotate) {  // appended piece by piece: GCC 12 -O2 with ASan reads a concatenation as a false -Wrestrict
    out += ' ';
    out += kLayoutNodeAttribute;
    out += "=\"";
    out += std::to_string(element.serial());
    out += '"';
  }
  for (const auto& [name, value] : element.attributes()) {
    out += ' ' + name + "=\"";
    AppendEscaped(out, value, true);
    out += '"';
  }
  out += '>';
}

// Depth first with an explicit stack: scripts can nest elements as deep as
// they like. A null entry closes the element below it on the stack.
void AppendTree(std::string& out, const Node& root, bool include_root, bool annotate = false) {
  std::vector<const Node*> pending;
  auto push_children = [&](const Node& node) {
    for (auto it = node.children().rbegin(); it != node.children().rend(); ++it) pending.push_back(*it);
  };
  if (include_root) {
    pending.push_back(&root);
  } else {
    push_children(root);
  }
  std::vector<const Element*> open;
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    if (!node) {
      out += "</" + open.back()->tag() + '>';
      open.pop_back();
      continue;
    }
    const Node* parent = node->parent();
    const bool raw_parent = parent && parent->AsElement() && OneOf(kRawTextElements, parent->AsElement()->tag());
    switch (node->type()) {
      case NodeType::kText:
        if (raw_parent) {
          out += node->AsCharacterData()->data();
        } else {
          AppendEscaped(out, node->AsCharacterData()->data(), false);
        }
        break;
      case NodeType::kComment:
        out += "<!--" + node->AsCharacterData()->data() + "-->";
        break;
      case NodeType::kDocument:
        out += "<!DOCTYPE html>";
        push_children(*node);
        break;
      case NodeType::kElement: {
        const Element& element = *node->AsElement();
        AppendStartTag(out, element, annotate);
        if (OneOf(kVoidElements, element.tag())) break;
        open.push_back(&element);
        pending.push_back(nullptr);
        push_children(element);
        break;
      }
    }
  }
}

}  // namespace

std::string SerializeChildren(const Node& node) {
  std::string out;
  AppendTree(out, node, false);
  return out;
}

std::string SerializeNode(const Node& node) {
  std::string out;
  AppendTree(out, node, true);
  return out;
}

}  // namespace sandtab::script

namespace sandtab::script {

std::string SerializeForLayout(const Document& document) {
  std::string out;
  AppendTree(out, document, true, true);
  return out;
}

}  // namespace sandtab::script
