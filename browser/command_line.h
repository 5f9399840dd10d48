#ifndef SANDTAB_BROWSER_COMMAND_LINE_H_
#define SANDTAB_BROWSER_COMMAND_LINE_H_

#include <string>

#include "browser/common/browser_config.h"
#include "base/result.h"

namespace sandtab::browser {

// The flags' grammar lives here, beside main(), not in browser_config.h:
// parsing needs the loader's and the launcher's parsers, and the rooms that
// only read the flags must not depend on those.
// Parses Chrome-style flags. Unknown flags and malformed values are errors
// that name the flag.
Result<BrowserConfig> ParseCommandLine(int argc, char** argv);

// --help text.
std::string UsageText();

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMAND_LINE_H_
