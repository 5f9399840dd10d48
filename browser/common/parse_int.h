#ifndef SANDTAB_BROWSER_COMMON_PARSE_INT_H_
#define SANDTAB_BROWSER_COMMON_PARSE_INT_H_

#include <string>

namespace sandtab::browser {

// `text` as a whole decimal number in [min, max] (strtol's syntax: a sign
// may lead; nothing may follow), for the flags and the shell's arguments.
bool ParseInt(const std::string& text, long min, long max, long* out);

// The same, into an int.
inline bool ParseInt(const std::string& text, int min, int max, int* out) {
  long value = 0;
  if (!ParseInt(text, long{min}, long{max}, &value)) return false;
  *out = static_cast<int>(value);
  return true;
}

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_PARSE_INT_H_
