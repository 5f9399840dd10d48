#include "browser/common/parse_int.h"

#include <cstdlib>

namespace sandtab::browser {

bool ParseInt(const std::string& text, long min, long max, long* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value < min || value > max) return false;
  *out = value;
  return true;
}

}  // namespace sandtab::browser
