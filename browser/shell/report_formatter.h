#ifndef SANDTAB_BROWSER_SHELL_REPORT_FORMATTER_H_
#define SANDTAB_BROWSER_SHELL_REPORT_FORMATTER_H_

#include <string>

#include "browser/shell/report.h"

namespace sandtab::browser {

// The one place a report becomes text or JSON (DESIGN section 8).
//
// Text: lines and tables in order, joined by '\n'. A table is its heading
// line and a line per row, each cell padded to its column's width (cut to
// width - 1 and '~' when longer). Every cell and line has its control
// characters replaced (terminal_text.h) before it is padded, so text a child
// chose can neither drive the terminal, fake a line, nor shift a column.
std::string ReportText(const Report& report);

// JSON: one object on one line (the shell's --json answer), strings with
// their control characters replaced as JsonQuote does.
std::string ReportJson(const Report& report);
// One value as JSON (an object or array nests).
std::string ReportValueJson(const ReportValue& value);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_SHELL_REPORT_FORMATTER_H_
