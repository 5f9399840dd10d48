// <embed> and <object>: boxes a plugin will paint (later, in the plugin
// process). The renderer lays them out like inline-block boxes sized by their
// width/height attributes and reports them through Page::Embeds().
#ifndef SANDTAB_RENDERER_PAGE_EMBED_ELEMENT_H_
#define SANDTAB_RENDERER_PAGE_EMBED_ELEMENT_H_

#include <litehtml/litehtml.h>

#include <string>
#include <utility>
#include <vector>

namespace sandtab::renderer {

class EmbedElement : public litehtml::html_tag {
 public:
  explicit EmbedElement(const std::shared_ptr<litehtml::document>& doc);

  // Maps the width/height attributes to CSS, as browsers do for replaced
  // elements (a style attribute or stylesheet still wins).
  void parse_attributes() override;

  // The lower-cased `type` attribute ("" if none).
  std::string MimeType() const;
  // Every attribute, then every <param name value> child (for <object>).
  std::vector<std::pair<std::string, std::string>> Params() const;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_EMBED_ELEMENT_H_
