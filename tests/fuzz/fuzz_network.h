// Moves the fuzzing process into a network namespace of its own with only
// loopback up, so that no URL or redirect a fuzzer invents can reach
// another machine (DNS fails at once, connects to anything but 127/8 are
// unreachable). A target that fetches calls it from LLVMFuzzerInitialize.
#ifndef SANDTAB_TESTS_FUZZ_FUZZ_NETWORK_H_
#define SANDTAB_TESTS_FUZZ_FUZZ_NETWORK_H_

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sandtab::fuzz {

// As root, or else in a user namespace; a run that cannot isolate itself
// does not start.
inline void IsolateNetwork(const char* target) {
  if (::unshare(CLONE_NEWNET) != 0 && ::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
    std::fprintf(stderr, "%s: unshare(CLONE_NEWNET): %s; refusing to run outside a network namespace of its own\n",
                 target, std::strerror(errno));
    std::exit(1);
  }
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  if (fd < 0 || ::ioctl(fd, SIOCGIFFLAGS, &request) != 0 ||
      (request.ifr_flags |= IFF_UP, ::ioctl(fd, SIOCSIFFLAGS, &request) != 0)) {
    std::fprintf(stderr, "%s: cannot bring loopback up: %s\n", target, std::strerror(errno));
    std::exit(1);
  }
  ::close(fd);
}

}  // namespace sandtab::fuzz

#endif  // SANDTAB_TESTS_FUZZ_FUZZ_NETWORK_H_
