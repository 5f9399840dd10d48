#include "renderer/script/console_line.h"

#include <array>

namespace sandtab::script {

ConsoleLine MakeConsoleLine(std::string_view level, std::string_view text) {
  static constexpr std::array<std::string_view, 5> kLevels = {"log", "info", "warn", "error", "debug"};
  ConsoleLine line{"log", {}};
  for (const auto known : kLevels) {
    if (level == known) line.level = known;
  }
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::string_view piece = byte < 0x20 || byte == 0x7f ? kReplacement : text.substr(i, 1);
    // Stop before a character that would not fit whole: a continuation
    // byte (10xxxxxx) never starts the cut.
    if (line.text.size() + piece.size() > kMaxConsoleLineBytes - kEllipsis.size()) {
      while (!line.text.empty() && (static_cast<unsigned char>(line.text.back()) & 0xC0) == 0x80) line.text.pop_back();
      if (!line.text.empty() && static_cast<unsigned char>(line.text.back()) >= 0xC0) line.text.pop_back();
      line.text += kEllipsis;
      return line;
    }
    line.text += piece;
  }
  return line;
}

}  // namespace sandtab::script
