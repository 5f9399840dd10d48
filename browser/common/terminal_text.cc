#include "browser/common/terminal_text.h"

#include <cstdint>

namespace sandtab::browser {
namespace {

void AppendHex(std::string& out, unsigned value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[(value >> 4) & 0xf];
  out += kDigits[value & 0xf];
}

// Length of the valid UTF-8 sequence at text[i] (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF), or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view text, size_t i, uint32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  size_t length;
  uint32_t cp;
  uint32_t min;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, cp = lead & 0x1f, min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, cp = lead & 0x0f, min = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  *code_point = cp;
  return length;
}

}  // namespace

void AppendSanitized(std::string& out, std::string_view text, bool keep_line_breaks) {
  out.reserve(out.size() + text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 || c == 0x7f) && !(keep_line_breaks && (c == '\n' || c == '\t'))) {
        AppendHex(out, c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t length = Utf8SequenceLength(text, i, &cp);
    if (length == 0) {
      AppendHex(out, c);  // not UTF-8: a lone byte, shown by its value
      ++i;
    } else if (cp <= 0x9f) {
      AppendHex(out, cp);  // C1 control
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

std::string SanitizeForTerminal(std::string_view text) {
  std::string out;
  AppendSanitized(out, text, /*keep_line_breaks=*/false);
  return out;
}

std::string TruncateText(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  const std::string marker = "...[" + std::to_string(text.size()) + " bytes]";
  size_t keep = max_bytes > marker.size() ? max_bytes - marker.size() : 0;
  // Back off continuation bytes so no character is cut in half.
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xc0) == 0x80) --keep;
  return std::string(text.substr(0, keep)) + marker;
}

}  // namespace sandtab::browser
