#ifndef SANDTAB_SANDBOX_SYSCALL_NAMES_H_
#define SANDTAB_SANDBOX_SYSCALL_NAMES_H_

#include <string>

namespace sandtab::sandbox {

// The name of syscall |nr| on this architecture ("ptrace"), or "unknown".
std::string SyscallName(int nr);

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SYSCALL_NAMES_H_
