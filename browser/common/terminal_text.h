#ifndef SANDTAB_BROWSER_COMMON_TERMINAL_TEXT_H_
#define SANDTAB_BROWSER_COMMON_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace sandtab::browser {

// Text a child or the network chose (titles, URLs, log lines, probe names,
// error texts) must never drive the terminal or a consumer of our output:
// ESC starts escape sequences (set the title, clear the screen, write the
// clipboard with OSC 52), CR overwrites a line, a newline fakes one, and a
// C1 control (U+0080..U+009F, or a raw byte 0x9b) is CSI to some terminals.
//
// Every control character (C0, DEL, C1) and every byte that is not part of
// valid UTF-8 becomes the visible text `\xNN`, so what was sent stays
// readable and nothing of it acts. Replaced, not escaped: a JSON `\u001b`
// turns back into ESC in whoever parses it.
std::string SanitizeForTerminal(std::string_view text);

// The same, appended to `out`; `keep_line_breaks` keeps '\n' and '\t' (for
// whole multi-line answers whose lines we composed; fields stay one line).
void AppendSanitized(std::string& out, std::string_view text, bool keep_line_breaks);

// `text` cut to at most `max_bytes` (max_bytes >= 16) on a UTF-8 boundary,
// ending in "...[N bytes]" when it was cut, so a bounded log still says how
// long the original was. For every stored text a child chose.
std::string TruncateText(std::string_view text, size_t max_bytes);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_TERMINAL_TEXT_H_
