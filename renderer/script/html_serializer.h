// The DOM back to HTML: for --dump-dom, innerHTML/outerHTML, and the full
// rebuild of litehtml's tree after scripts changed the document.
#pragma once

#include <string>

#include "renderer/script/dom_node.h"

namespace sandtab::script {

// The HTML fragment serialisation algorithm: a node's children.
std::string SerializeChildren(const Node& node);
// The node itself (outerHTML); a Document as "<!DOCTYPE html>" and its children.
std::string SerializeNode(const Node& node);

}  // namespace sandtab::script
