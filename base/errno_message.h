#ifndef SANDTAB_BASE_ERRNO_MESSAGE_H_
#define SANDTAB_BASE_ERRNO_MESSAGE_H_

#include <cerrno>
#include <string>
#include <string_view>

namespace sandtab {

// "what: <strerror(error)>", the one way a failed system call is reported.
// error defaults to errno as it is at the call, so write it straight after
// the failing call.
std::string ErrnoMessage(std::string_view what, int error = errno);

}  // namespace sandtab

#endif  // SANDTAB_BASE_ERRNO_MESSAGE_H_
