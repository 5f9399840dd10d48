#ifndef SANDTAB_BROWSER_TAB_CONSOLE_LOG_H_
#define SANDTAB_BROWSER_TAB_CONSOLE_LOG_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sandtab::browser {

// One console.* line of a page, as the browser keeps it.
struct ConsoleLine {
  std::string level;  // log, info, warn, error, debug
  std::string text;
  std::string source;  // "page.html:12", or empty
  uint64_t navigation_id = 0;
  std::chrono::system_clock::time_point time;
};

// A tab's console (DESIGN section 13, `console ID [N]`): its last
// `capacity` lines, oldest first. It belongs to the tab, not to a renderer,
// so the lines stay when a renderer dies and its successor reloads the page
// (what Chrome's DevTools console shows across a crash). The lines were
// checked against their bounds (RendererHost) and their navigation (Tab)
// before they come here; what this bounds is how many, and their bytes:
// 1000 lines of 4 KiB text and 1 KiB source would be 5 MiB a tab, so the
// oldest go first past 1 MiB as well.
class ConsoleLog {
 public:
  static constexpr size_t kDefaultCapacity = 1000;
  static constexpr size_t kDefaultMaxBytes = 1u << 20;

  explicit ConsoleLog(size_t capacity = kDefaultCapacity, size_t max_bytes = kDefaultMaxBytes)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // Keeps `line`, forgetting the oldest while there are more than
  // `capacity` lines or `max_bytes` of text (a line alone over the bytes
  // is kept: a single line is at most 5 KiB).
  void Add(ConsoleLine line);
  // The newest `count` lines (all if fewer), oldest first.
  std::vector<ConsoleLine> Last(size_t count) const;
  size_t size() const { return lines_.size(); }
  size_t capacity() const { return capacity_; }
  // The bytes of level, text and source kept.
  size_t bytes() const { return bytes_; }
  // Lines forgotten because the log was full.
  uint64_t dropped() const { return dropped_; }

  // `[CONSOLE:level] "text", source: SRC`, Chrome's --enable-logging form,
  // with the page's text made safe for a terminal.
  static std::string LogForm(const ConsoleLine& line);

 private:
  static size_t BytesOf(const ConsoleLine& line) { return line.level.size() + line.text.size() + line.source.size(); }

  const size_t capacity_;
  const size_t max_bytes_;
  std::deque<ConsoleLine> lines_;
  size_t bytes_ = 0;
  uint64_t dropped_ = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_CONSOLE_LOG_H_
