#include "lessons/socket_lesson.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <random>
#include <vector>

#include "base/errno_message.h"
#include "ipc/event_loop.h"
#include "lessons/child_process.h"
#include "lessons/ipc_janitor.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

using Clock = std::chrono::steady_clock;
constexpr char kMessage[] = "hello from the client";
constexpr int kRacedRuns = 100;

Result<SocketLesson::Connection> SocketPair() {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return Error{ErrnoMessage("socketpair")};
  auto client = std::make_shared<UniqueFd>(fds[1]);
  return SocketLesson::Connection{UniqueFd(fds[0]), [client] { return std::move(*client); }};
}

// A listening socket on 127.0.0.1 (port 0: the kernel picks one); the
// server end is the accepted connection, so this blocks until the client
// has connected (it has not written yet).
Result<SocketLesson::Connection> LoopbackListener() {
  UniqueFd listener(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!listener) return Error{ErrnoMessage("socket")};
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listener.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(listener.get(), 1) != 0 ||
      getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return Error{ErrnoMessage("bind/listen on 127.0.0.1")};
  }
  auto shared_listener = std::make_shared<UniqueFd>(std::move(listener));
  return SocketLesson::Connection{std::move(*shared_listener), [address] {
                                    UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
                                    connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
                                    return fd;
                                  }};
}

// For TCP the server end given is the listener: accept the client on it.
UniqueFd ServerEnd(SocketLesson::Connection& connection) {
  int type = 0;
  socklen_t length = sizeof type;
  int listening = 0;
  getsockopt(connection.server.get(), SOL_SOCKET, SO_ACCEPTCONN, &listening, &length);
  if (!listening) return std::move(connection.server);
  return UniqueFd(accept4(connection.server.get(), nullptr, nullptr, SOCK_CLOEXEC));
}

int WriteMessage(const std::function<UniqueFd()>& client) {
  UniqueFd fd = client();
  return send(fd.get(), kMessage, sizeof kMessage - 1, MSG_NOSIGNAL) == sizeof kMessage - 1 ? 0 : 1;
}

void Spin(Clock::duration delay) {
  const auto until = Clock::now() + delay;
  while (Clock::now() < until) {
  }
}

}  // namespace

Status SocketLesson::Run(LessonContext& context) {
  context.narrator.Lesson("sockets: blocking, non-blocking, and an event loop",
                          "sockets; blocking and non-blocking reads; the inconsistent non-blocking server");
  TRY(BlockingRead(context, "socketpair", SocketPair));
  TRY(BlockingRead(context, "loopback TCP", LoopbackListener));
  TRY(NonBlockingRead(context, "socketpair", SocketPair));
  TRY(NonBlockingRead(context, "loopback TCP", LoopbackListener));
  return EventLoopRead(context);
}

Status SocketLesson::BlockingRead(LessonContext& context, const char* transport_name, const Transport& transport) {
  Narrator& say = context.narrator;
  say.Step(std::string("Server and client on a ") + transport_name + ": the server's read blocks until bytes come");
  ASSIGN_OR_RETURN(Connection connection, transport());
  ASSIGN_OR_RETURN(ChildProcess client,
                   ChildProcess::Fork(context.janitor, [&connection] { return WriteMessage(connection.client); }));
  const pid_t client_pid = client.pid();
  UniqueFd server = ServerEnd(connection);
  const auto start = Clock::now();
  char buffer[64] = {};
  const ssize_t got = recv(server.get(), buffer, sizeof buffer - 1, 0);
  const auto waited = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  TRY(client.Wait(std::chrono::seconds(10)));
  if (got <= 0) return Error{ErrnoMessage("recv")};
  say.Say("server (pid " + std::to_string(getpid()) + ") read " + std::to_string(got) + " bytes from client pid " +
          std::to_string(client_pid) + ": \"" + buffer + "\", after blocking " + std::to_string(waited.count()) +
          " us");
  say.Number(std::string(transport_name) + " blocking read bytes", got);
  return OkStatus();
}

Status SocketLesson::NonBlockingRead(LessonContext& context, const char* transport_name, const Transport& transport) {
  Narrator& say = context.narrator;
  say.Step(std::string("The non-blocking server on a ") + transport_name + ": recv(MSG_DONTWAIT) right after the fork");
  // How long a new client takes to write, measured now: the server then
  // waits a random 0 to twice that before it reads, so both orders happen.
  std::vector<int64_t> startup_us;
  for (int run = 0; run < 20; ++run) {
    ASSIGN_OR_RETURN(Connection connection, transport());
    ASSIGN_OR_RETURN(ChildProcess client,
                     ChildProcess::Fork(context.janitor, [&connection] { return WriteMessage(connection.client); }));
    const auto forked = Clock::now();
    UniqueFd server = ServerEnd(connection);
    char buffer[64];
    if (recv(server.get(), buffer, sizeof buffer, 0) <= 0) return Error{ErrnoMessage("recv")};
    startup_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - forked).count());
    TRY(client.Wait(std::chrono::seconds(10)));
  }
  std::sort(startup_us.begin(), startup_us.end());
  const int64_t startup = std::max<int64_t>(1, startup_us[startup_us.size() / 2]);
  say.Say("a new client's bytes arrive a median " + std::to_string(startup) + " us after fork returns; the server");
  say.Say("now waits a random 0-" + std::to_string(2 * startup) + " us, then reads without blocking, " +
          std::to_string(kRacedRuns) + " runs:");
  std::mt19937 random(static_cast<unsigned>(getpid()));
  std::uniform_int_distribution<int64_t> delay_us(0, 2 * startup);
  int got_data = 0, would_block = 0;
  for (int run = 0; run < kRacedRuns; ++run) {
    ASSIGN_OR_RETURN(Connection connection, transport());
    ASSIGN_OR_RETURN(ChildProcess client,
                     ChildProcess::Fork(context.janitor, [&connection] { return WriteMessage(connection.client); }));
    const auto forked = Clock::now();
    UniqueFd server = ServerEnd(connection);
    Spin(std::chrono::microseconds(delay_us(random)) - (Clock::now() - forked));
    char buffer[64];
    const ssize_t got = recv(server.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (got > 0) {
      ++got_data;
    } else if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      ++would_block;
    }
    TRY(client.Wait(std::chrono::seconds(10)));
  }
  say.Say("got the message: " + std::to_string(got_data) +
          ", EAGAIN (the server printed nothing): " + std::to_string(would_block));
  say.Number(std::string(transport_name) + " non-blocking runs", kRacedRuns);
  say.Number(std::string(transport_name) + " non-blocking got data", got_data);
  say.Number(std::string(transport_name) + " non-blocking EAGAIN", would_block);
  return OkStatus();
}

Status SocketLesson::EventLoopRead(LessonContext& context) {
  Narrator& say = context.narrator;
  say.Step("sandtab's way: an event loop (Boost.Asio on epoll) that wakes the reader when bytes arrive");
  say.Say("ipc::Channel never reads on spec: it asks the loop to wait for readability (async_wait), then reads.");
  std::mt19937 random(static_cast<unsigned>(getpid()) + 1);
  std::uniform_int_distribution<int> delay_us(0, 300);
  int got_data = 0;
  std::vector<int64_t> wake_us;
  for (int run = 0; run < kRacedRuns; ++run) {
    ASSIGN_OR_RETURN(Connection connection, SocketPair());
    ASSIGN_OR_RETURN(ChildProcess client,
                     ChildProcess::Fork(context.janitor, [&connection] { return WriteMessage(connection.client); }));
    boost::asio::io_context loop(ipc::kSingleThreadedLoop);
    boost::asio::posix::stream_descriptor socket(loop, connection.server.get());
    Spin(std::chrono::microseconds(delay_us(random)));
    const auto start = Clock::now();
    bool timed_out = false;
    boost::asio::steady_timer limit(loop, std::chrono::seconds(10));
    limit.async_wait([&](boost::system::error_code error) {
      if (!error) {
        timed_out = true;
        socket.cancel();
      }
    });
    socket.async_wait(boost::asio::posix::stream_descriptor::wait_read, [&](boost::system::error_code error) {
      limit.cancel();
      if (error) return;
      char buffer[64];
      if (recv(connection.server.get(), buffer, sizeof buffer, MSG_DONTWAIT) > 0) ++got_data;
      wake_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
    });
    loop.run();
    socket.release();  // the fd stays the Connection's
    TRY(client.Wait(std::chrono::seconds(10)));
    if (timed_out) return Error{"the client's bytes never came"};
  }
  std::sort(wake_us.begin(), wake_us.end());
  say.Say("got the message: " + std::to_string(got_data) + " of " + std::to_string(kRacedRuns) +
          ", whoever ran first; median wait " + std::to_string(wake_us.empty() ? 0 : wake_us[wake_us.size() / 2]) +
          " us");
  say.Number("event loop runs", kRacedRuns);
  say.Number("event loop got data", got_data);
  return OkStatus();
}

}  // namespace sandtab::lessons
