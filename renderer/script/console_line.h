// A line of the page's console, as it may leave the renderer: bounded, and
// with no control character that could forge lines or escape sequences in
// the browser's terminal.
#pragma once

#include <string>
#include <string_view>

namespace sandtab::script {

inline constexpr size_t kMaxConsoleLineBytes = 4096;

struct ConsoleLine {
  std::string level;  // log, info, warn, error, debug
  std::string text;
};

// Cuts `text` to kMaxConsoleLineBytes (at a character boundary, with "…"
// appended) and replaces each control character (C0, DEL) by U+FFFD;
// `level` is one of the five, else "log".
ConsoleLine MakeConsoleLine(std::string_view level, std::string_view text);

}  // namespace sandtab::script
