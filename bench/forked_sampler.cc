#include "bench/forked_sampler.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sandtab::bench {
namespace {

// Reads exactly `size` bytes within `timeout_ms` (per read).
bool ReadFully(int fd, void* data, size_t size, int timeout_ms) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (::poll(&poll_fd, 1, timeout_ms) != 1) return false;
    const ssize_t n = ::read(fd, bytes, size);
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool WriteFully(int fd, const void* data, size_t size) {
  return ::write(fd, data, size) == static_cast<ssize_t>(size);  // a few bytes on a socket: one write
}

[[noreturn]] void RunHelper(int socket, const ForkedSampler::Init& init, const ForkedSampler::Sample& sample) {
  const double init_value = init();
  if (init_value < 0 || !WriteFully(socket, &init_value, sizeof(init_value))) ::_exit(1);
  for (unsigned char variant; ::read(socket, &variant, 1) == 1;) {
    const HelperSample result = sample(variant);
    if (!WriteFully(socket, &result, sizeof(result))) ::_exit(1);
  }
  ::_exit(0);
}

}  // namespace

std::unique_ptr<ForkedSampler> ForkedSampler::Start(const Init& init, const Sample& sample, int init_timeout_ms,
                                                    double* init_value, std::string* error) {
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    *error = "socketpair failed";
    return nullptr;
  }
  const pid_t helper = ::fork();
  if (helper == 0) {
    ::close(sockets[0]);
    RunHelper(sockets[1], init, sample);
  }
  ::close(sockets[1]);
  std::unique_ptr<ForkedSampler> sampler(new ForkedSampler(helper, sockets[0]));
  if (helper < 0) {
    *error = "fork failed";
    return nullptr;
  }
  if (!ReadFully(sockets[0], init_value, sizeof(*init_value), init_timeout_ms)) {
    *error = "the helper did not initialise within " + std::to_string(init_timeout_ms / 1000) + " s";
    return nullptr;
  }
  return sampler;
}

ForkedSampler::~ForkedSampler() {
  ::close(socket_);  // EOF: the helper exits
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);  // in case it is stuck in a sample
    ::waitpid(pid_, nullptr, 0);
  }
}

HelperSample ForkedSampler::Take(unsigned char variant, int timeout_ms) {
  HelperSample sample;
  // MSG_NOSIGNAL: a helper that died is an error here, not a SIGPIPE.
  if (::send(socket_, &variant, 1, MSG_NOSIGNAL) != 1 || !ReadFully(socket_, &sample, sizeof(sample), timeout_ms)) {
    return HelperSample{};
  }
  return sample;
}

}  // namespace sandtab::bench
