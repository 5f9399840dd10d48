#ifndef SANDTAB_TESTS_SUPPORT_RUN_UNTIL_H_
#define SANDTAB_TESTS_SUPPORT_RUN_UNTIL_H_

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>

namespace sandtab::test {

// Generous enough for a loaded CI machine; a passing test never waits it out.
inline constexpr std::chrono::milliseconds kDefaultTimeout{5000};

// Runs `io` until `predicate` holds or `timeout` passes; returns whether it
// holds. Never blocks longer than the timeout, even when nothing is pending.
bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& predicate,
              std::chrono::milliseconds timeout = kDefaultTimeout);

// Runs `io` for `duration` (handlers that are ready run), e.g. to show that
// nothing happens.
void RunFor(boost::asio::io_context& io, std::chrono::milliseconds duration);

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_RUN_UNTIL_H_
