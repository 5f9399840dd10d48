// The DOM back to HTML: for --dump-dom, innerHTML/outerHTML, and the full
// rebuild of litehtml's tree after scripts changed the document.
#pragma once

#include <string>
#include <string_view>

#include "renderer/script/dom_document.h"
#include "renderer/script/dom_node.h"

namespace sandtab::script {

// The HTML fragment serialisation algorithm: a node's children.
std::string SerializeChildren(const Node& node);
// The node itself (outerHTML); a Document as "<!DOCTYPE html>" and its children.
std::string SerializeNode(const Node& node);

// The attribute that names each element's node in the HTML litehtml is
// built from, so that a hit test on litehtml's boxes finds the DOM node.
inline constexpr std::string_view kLayoutNodeAttribute = "data-sandtab-node";
// The document for litehtml: SerializeNode with every element's serial() in
// kLayoutNodeAttribute.
std::string SerializeForLayout(const Document& document);

}  // namespace sandtab::script
