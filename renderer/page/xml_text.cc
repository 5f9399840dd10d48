#include "renderer/page/xml_text.h"

#include <strings.h>

#include <cstdint>

namespace sandtab::renderer {
namespace {

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// XML 1.0's Char production, less the controls it allows (tab, LF, CR).
bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Decodes the reference "&...;" at the start of `text` into `out`; the
// bytes it used, or 0 when it is none.
size_t DecodeReference(std::string_view text, std::string& out) {
  const size_t semicolon = text.find(';');
  if (semicolon == std::string_view::npos || semicolon > 12) return 0;
  const std::string_view name = text.substr(1, semicolon - 1);
  static constexpr struct {
    std::string_view name;
    char character;
  } kPredefined[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& entity : kPredefined) {
    if (name == entity.name) {
      out += entity.character;
      return semicolon + 1;
    }
  }
  if (name.size() < 2 || name[0] != '#') return 0;
  const bool hex = name[1] == 'x';
  const std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  uint32_t code_point = 0;
  for (char c : digits) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      digit = (c | 0x20) - 'a' + 10;
    } else {
      return 0;
    }
    code_point = code_point * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
    if (code_point > 0x10FFFF) return 0;
  }
  if (!IsXmlChar(code_point)) return 0;
  AppendUtf8(code_point, out);
  return semicolon + 1;
}

}  // namespace

DocumentSyntax SyntaxForMimeType(std::string_view mime_type) {
  std::string_view type = mime_type.substr(0, mime_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  auto is = [type](std::string_view name) {
    return type.size() == name.size() && strncasecmp(type.data(), name.data(), name.size()) == 0;
  };
  const bool plus_xml = type.size() > 4 && strncasecmp(type.data() + type.size() - 4, "+xml", 4) == 0;
  return is("application/xml") || is("text/xml") || plus_xml ? DocumentSyntax::kXml : DocumentSyntax::kHtml;
}

std::string XmlCharacterData(std::string_view raw) {
  constexpr std::string_view kCdataOpen = "<![CDATA[", kCdataClose = "]]>";
  constexpr std::string_view kCommentOpen = "<!--", kCommentClose = "-->";
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    const std::string_view rest = raw.substr(i);
    if (rest.substr(0, kCdataOpen.size()) == kCdataOpen) {
      const size_t end = rest.find(kCdataClose, kCdataOpen.size());
      const size_t stop = end == std::string_view::npos ? rest.size() : end;
      out.append(rest.substr(kCdataOpen.size(), stop - kCdataOpen.size()));
      i += end == std::string_view::npos ? rest.size() : end + kCdataClose.size();
    } else if (rest.substr(0, kCommentOpen.size()) == kCommentOpen) {
      const size_t end = rest.find(kCommentClose, kCommentOpen.size());
      i += end == std::string_view::npos ? rest.size() : end + kCommentClose.size();
    } else if (rest[0] == '&') {
      const size_t used = DecodeReference(rest, out);
      if (used == 0) out += '&';
      i += used == 0 ? 1 : used;
    } else {
      out += rest[0];
      ++i;
    }
  }
  return out;
}

}  // namespace sandtab::renderer
