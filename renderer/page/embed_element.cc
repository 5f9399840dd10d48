#include "renderer/page/embed_element.h"

#include <cctype>
#include <cstring>

namespace sandtab::renderer {

EmbedElement::EmbedElement(const std::shared_ptr<litehtml::document>& doc) : litehtml::html_tag(doc) {}

void EmbedElement::parse_attributes() {
  litehtml::html_tag::parse_attributes();
  for (const char* name : {"width", "height"}) {
    if (const char* value = get_attr(name)) m_style.add_property(name, value, nullptr, false, this);
  }
}

std::string EmbedElement::MimeType() const {
  std::string type = get_attr("type", "");
  const size_t begin = type.find_first_not_of(" \t\n\r\f");
  if (begin == std::string::npos) return {};
  type = type.substr(begin, type.find_last_not_of(" \t\n\r\f") - begin + 1);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

std::vector<std::pair<std::string, std::string>> EmbedElement::Params() const {
  std::vector<std::pair<std::string, std::string>> params(m_attrs.begin(), m_attrs.end());
  for (size_t i = 0; i < get_children_count(); ++i) {
    const litehtml::element::ptr child = get_child(static_cast<int>(i));
    const char* tag = child->get_tagName();
    if (!tag || std::strcmp(tag, "param") != 0) continue;
    const char* name = child->get_attr("name");
    if (name && *name) params.emplace_back(name, child->get_attr("value", ""));
  }
  return params;
}

}  // namespace sandtab::renderer
