#ifndef SANDTAB_BROWSER_COMMON_JSON_TEXT_H_
#define SANDTAB_BROWSER_COMMON_JSON_TEXT_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace sandtab::browser {

// JSON text a child wrote (a script's eval result) on its way into our own
// JSON answers, where it is spliced in as a value: it must be exactly one
// JSON value (RFC 8259), or it could close our object and add keys of its
// own. Returns the value without insignificant whitespace (one line) and
// with every string re-quoted by JsonQuote, so the controls that JsonQuote
// replaces (an escaped "\u001b" as much as a raw C1 character) do not come
// back to whoever decodes the answer. Numbers, literals and the structure
// pass unchanged. Nothing here recurses: nesting is bounded only by the
// text's length.
Result<std::string> CleanJson(std::string_view text);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_JSON_TEXT_H_
