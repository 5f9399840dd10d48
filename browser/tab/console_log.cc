#include "browser/tab/console_log.h"

#include <algorithm>

#include "browser/common/terminal_text.h"

namespace sandtab::browser {

void ConsoleLog::Add(ConsoleLine line) {
  if (capacity_ == 0) {
    ++dropped_;
    return;
  }
  bytes_ += BytesOf(line);
  lines_.push_back(std::move(line));
  while (lines_.size() > capacity_ || (bytes_ > max_bytes_ && lines_.size() > 1)) {
    bytes_ -= BytesOf(lines_.front());
    lines_.pop_front();
    ++dropped_;
  }
}

std::vector<ConsoleLine> ConsoleLog::Last(size_t count) const {
  const size_t first = lines_.size() - std::min(count, lines_.size());
  return {lines_.begin() + static_cast<std::ptrdiff_t>(first), lines_.end()};
}

std::string ConsoleLog::LogForm(const ConsoleLine& line) {
  std::string text = "[CONSOLE:" + SanitizeForTerminal(line.level) + "] \"" + SanitizeForTerminal(line.text) + "\"";
  if (!line.source.empty()) text += ", source: " + SanitizeForTerminal(line.source);
  return text;
}

}  // namespace sandtab::browser
