// Documents served as XML (application/xhtml+xml, the CSS test suites'
// .xht files) are still parsed by gumbo, an HTML parser, which keeps a
// <style> element's content as raw text. An XML parser would not: it takes
// a CDATA section's content as text without its markers, drops comments
// and decodes character references. Style sheets are often wrapped in
// <![CDATA[ ... ]]> in XHTML; read as HTML, the marker becomes part of the
// first selector and that rule is lost.
#ifndef SANDTAB_RENDERER_PAGE_XML_TEXT_H_
#define SANDTAB_RENDERER_PAGE_XML_TEXT_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

// How the document's markup is to be read, from its MIME type.
enum class DocumentSyntax { kHtml, kXml };

// kXml for application/xhtml+xml, application/xml, text/xml and any
// other "+xml" type (parameters such as "; charset=" ignored), else kHtml.
DocumentSyntax SyntaxForMimeType(std::string_view mime_type);

// The character data an XML parser reads from `raw`, the raw text of an
// element's content: CDATA sections verbatim without their markers,
// comments dropped, the five predefined entities and numeric character
// references decoded (to UTF-8; a reference to no valid character is kept
// as written). An unterminated CDATA section or comment runs to the end.
std::string XmlCharacterData(std::string_view raw);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_XML_TEXT_H_
