#ifndef SANDTAB_BROWSER_PROCESS_COMMAND_PREFIX_H_
#define SANDTAB_BROWSER_PROCESS_COMMAND_PREFIX_H_

#include <string>
#include <vector>

#include "base/result.h"

namespace sandtab::browser {

// A wrapper put before a child's program (--renderer-cmd-prefix="gdb --args",
// --plugin-launcher, --zygote-cmd-prefix), split on whitespace as Chrome
// splits it. Its first word is resolved here, in the browser, through
// `path_env` (PATH) when it has no '/', as a shell would: the sandbox starts
// children with a cleared environment and wants an absolute program. A word
// that names no executable is an error for the user at start-up, not a
// launch failure in every tab. Empty text: no prefix.
Result<std::vector<std::string>> ParseCommandPrefix(const std::string& text, const std::string& path_env);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_PROCESS_COMMAND_PREFIX_H_
