#include "renderer/script/html_parser.h"

#include <gumbo.h>

#include <memory>
#include <string>

#include "renderer/page/css/nesting_guard.h"

namespace sandtab::script {

namespace {

struct GumboOutputDeleter {
  const GumboOptions* options;
  void operator()(GumboOutput* output) const { gumbo_destroy_output(options, output); }
};

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece original = element.original_tag;
  gumbo_tag_from_original_text(&original);
  return AsciiLower(std::string_view(original.data, original.length));
}

// Copies gumbo's children of `from` under `to`, depth first, with an
// explicit stack: a hostile page nests as deep as it likes.
void CopyChildren(const GumboNode* from, Node* to, Document& document) {
  std::vector<std::pair<const GumboNode*, Node*>> pending{{from, to}};
  while (!pending.empty()) {
    const auto [source, target] = pending.back();
    pending.pop_back();
    const GumboVector& children =
        source->type == GUMBO_NODE_DOCUMENT ? source->v.document.children : source->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      Node* copy = nullptr;
      switch (child->type) {
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          Element* element = document.CreateElement(TagName(child->v.element));
          const GumboVector& attributes = child->v.element.attributes;
          for (unsigned a = 0; a < attributes.length; ++a) {
            const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[a]);
            element->SetAttribute(attribute->name, attribute->value);
          }
          pending.emplace_back(child, element);
          copy = element;
          break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          copy = document.CreateText(child->v.text.text);
          break;
        case GUMBO_NODE_COMMENT:
          copy = document.CreateComment(child->v.text.text);
          break;
        case GUMBO_NODE_DOCUMENT:
          break;
      }
      if (copy) target->AppendChild(copy);
    }
  }
}

// gumbo builds and frees its tree recursively: nesting is flattened first,
// at Chrome's depth, as the page library does for litehtml.
std::unique_ptr<GumboOutput, GumboOutputDeleter> Parse(std::string_view html, const GumboOptions& options) {
  const std::string flat = renderer::FlattenDeepNesting(html);
  return {gumbo_parse_with_options(&options, flat.data(), flat.size()), GumboOutputDeleter{&options}};
}

}  // namespace

void ParseDocument(std::string_view html, Document& document) {
  const auto output = Parse(html, kGumboDefaultOptions);
  CopyChildren(output->document, &document, document);
}

std::vector<Node*> ParseFragment(std::string_view html, const Element& context) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = gumbo_tag_enum(context.tag().c_str());
  if (options.fragment_context == GUMBO_TAG_UNKNOWN) options.fragment_context = GUMBO_TAG_DIV;
  const auto output = Parse(html, options);
  // In fragment mode gumbo's root is an <html> holding the fragment.
  Document& document = context.document();
  Element* holder = document.CreateElement("template");
  CopyChildren(output->root, holder, document);
  std::vector<Node*> nodes(holder->children().begin(), holder->children().end());
  holder->RemoveAllChildren();
  return nodes;
}

}  // namespace sandtab::script
