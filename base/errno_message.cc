#include "base/errno_message.h"

#include <cstring>

namespace sandtab {

std::string ErrnoMessage(std::string_view what, int error) {
  std::string message(what);
  message += ": ";
  message += std::strerror(error);
  return message;
}

}  // namespace sandtab
