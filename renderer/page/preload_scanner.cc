#include "renderer/page/preload_scanner.h"

#include <gumbo.h>
#include <strings.h>

#include <cstring>
#include <memory>
#include <vector>

namespace sandtab::renderer {
namespace {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

const char* Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute ? attribute->value : nullptr;
}

// Only a <link> can make the build wait, so only a document with one is
// parsed a second time: without a sheet the build follows at once and asks
// for the images (and shows the title) itself.
bool MayLinkAStylesheet(std::string_view html) {
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    const std::string_view rest = html.substr(at + 1);
    if (rest.size() >= 4 && strncasecmp(rest.data(), "link", 4) == 0) return true;
  }
  return false;
}

std::string TextOf(const GumboElement& element) {
  std::string text;
  for (unsigned i = 0; i < element.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) text += child->v.text.text;
  }
  return text;
}

}  // namespace

PreloadScan ScanForPreloads(std::string_view html) {
  PreloadScan scan;
  if (!MayLinkAStylesheet(html)) return scan;
  // The caller's html is flattened already (FlattenDeepNesting): gumbo
  // builds and frees its tree recursively.
  const std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  if (!output) return scan;
  // Depth first in document order, with an explicit stack (children pushed
  // last first). A <template> is a GUMBO_NODE_TEMPLATE, which litehtml does
  // not build either: its content is never reached.
  std::vector<const GumboNode*> pending{output->root};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_BASE) {
      if (const char* href = Attribute(element, "href"); href && *href) scan.last_base = href;
    } else if (element.tag == GUMBO_TAG_LINK) {
      const char* rel = Attribute(element, "rel");
      const char* href = Attribute(element, "href");
      if (rel && std::strcmp(rel, "stylesheet") == 0 && href && *href) {
        scan.stylesheets.push_back({href, scan.last_base});
      }
    } else if (element.tag == GUMBO_TAG_TITLE) {
      scan.title = TextOf(element);
    } else if (element.tag == GUMBO_TAG_IMG) {
      if (const char* src = Attribute(element, "src"); src && *src) scan.images.emplace_back(src);
    }
    for (unsigned i = element.children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
  }
  return scan;
}

}  // namespace sandtab::renderer
