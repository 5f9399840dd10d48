#include "sandbox/syscall_names.h"

#include <seccomp.h>
#include <stdlib.h>

namespace sandtab::sandbox {

std::string SyscallName(int nr) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  if (name == nullptr) return "unknown";
  std::string result(name);
  free(name);
  return result;
}

}  // namespace sandtab::sandbox
