#include "tests/support/run_until.h"

namespace sandtab::test {

bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    io.restart();
    // Short slices so the predicate is checked after every burst of handlers.
    io.run_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(5)));
  }
  return true;
}

void RunFor(boost::asio::io_context& io, std::chrono::milliseconds duration) {
  io.restart();
  io.run_for(duration);
}

}  // namespace sandtab::test
