// HTML into the page's own DOM, with gumbo (the HTML5 parser litehtml uses).
#pragma once

#include <string_view>
#include <vector>

#include "renderer/script/dom_document.h"

namespace sandtab::script {

// Parses a whole document into `document`, which must be empty. The tree
// is always complete (html, head, body), as the HTML standard builds it.
void ParseDocument(std::string_view html, Document& document);

// Parses `html` as the content of `context` (innerHTML) and returns the new,
// still detached, top-level nodes.
std::vector<Node*> ParseFragment(std::string_view html, const Element& context);

}  // namespace sandtab::script
