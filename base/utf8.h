// Cutting UTF-8 text to a byte bound without splitting a character: a
// protobuf string field holding half of one does not parse, so a process
// that sent it would be taken for a bad message.
#pragma once

#include <cstddef>
#include <string>

namespace sandtab {

// Cuts `text` to at most `max_bytes`, backing off to the start of the
// character the bound would split (continuation bytes are 10xxxxxx).
inline void CutUtf8(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

}  // namespace sandtab
