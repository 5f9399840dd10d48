#include "tests/support/hostile/launch_ticket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

namespace sandtab::test::hostile {
namespace {

// More children than any test starts in one browser.
constexpr int kMaxTickets = 1000;

}  // namespace

int TakeLaunchTicket(const std::string& role, const std::string& tag) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  for (int n = 1; n <= kMaxTickets; ++n) {
    const std::string name = "sandtab-hostile/" + role + "/" + tag + "/" + std::to_string(n);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (name.size() + 1 > sizeof(address.sun_path)) break;
    std::memcpy(address.sun_path + 1, name.data(), name.size());  // sun_path[0] = 0: abstract
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), length) == 0) return n;  // fd held for life
    if (errno != EADDRINUSE) break;
  }
  ::close(fd);
  return 0;
}

}  // namespace sandtab::test::hostile
