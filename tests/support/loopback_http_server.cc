#include "tests/support/loopback_http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>

namespace sandtab::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxRequestBytes = 64 * 1024;

std::runtime_error Failure(const std::string& what) {
  return std::runtime_error("LoopbackHttpServer: " + what + ": " + std::strerror(errno));
}

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

bool HasHeader(const LoopbackHttpServer::Response& response, const char* name) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [&](const auto& header) { return strcasecmp(header.first.c_str(), name) == 0; });
}

std::string Serialize(const LoopbackHttpServer::Response& response) {
  std::string text = "HTTP/1.1 " + std::to_string(response.status) + " " + ReasonPhrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) text += name + ": " + value + "\r\n";
  if (!HasHeader(response, "Content-Length")) {
    text += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  if (!HasHeader(response, "Connection")) text += "Connection: close\r\n";
  text += "\r\n";
  text += response.body;
  return text;
}

// Writes everything (the socket is blocking with a send timeout), ignoring a
// peer that went away.
void WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

struct LoopbackHttpServer::Connection {
  int fd = -1;
  std::string request;
  bool answered_or_silent = false;             // nothing more to read
  std::optional<Clock::time_point> answer_at;  // a delayed answer is due
  std::string answer;
  ~Connection() {
    if (fd >= 0) ::close(fd);
  }
};

LoopbackHttpServer::LoopbackHttpServer(const std::string& address_text) : address_(address_text) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw Failure("socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  if (::inet_pton(AF_INET, address_.c_str(), &address.sin_addr) != 1 ||
      ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listen_fd_, 64) != 0) {
    auto error = Failure("bind/listen " + address_ + ":0");
    ::close(listen_fd_);
    throw error;
  }
  socklen_t length = sizeof address;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) {
    auto error = Failure("pipe2");
    ::close(listen_fd_);
    throw error;
  }
  thread_ = std::thread([this] { Run(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  char byte = 1;
  (void)!::write(stop_pipe_[1], &byte, 1);
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
  ::close(stop_pipe_[0]);
  ::close(stop_pipe_[1]);
}

void LoopbackHttpServer::Serve(const std::string& path, Response response) {
  std::lock_guard lock(mutex_);
  routes_[path] = std::move(response);
}

void LoopbackHttpServer::Serve(const std::string& path, const std::string& content_type, std::string body) {
  Response response;
  response.headers = {{"Content-Type", content_type}};
  response.body = std::move(body);
  Serve(path, std::move(response));
}

std::string LoopbackHttpServer::Url(const std::string& path) const { return UrlAs(address_, path); }

std::string LoopbackHttpServer::UrlAs(const std::string& host, const std::string& path) const {
  return "http://" + host + ":" + std::to_string(port_) + path;
}

std::vector<std::string> LoopbackHttpServer::CookieHeaders(const std::string& path) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> headers;
  for (const auto& [request_path, cookie] : cookie_headers_) {
    if (request_path == path) headers.push_back(cookie);
  }
  return headers;
}

std::vector<std::string> LoopbackHttpServer::Requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<std::pair<std::string, std::string>> LoopbackHttpServer::Posts() const {
  std::lock_guard lock(mutex_);
  return posts_;
}

int LoopbackHttpServer::RequestCount(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(std::count(requests_.begin(), requests_.end(), path));
}

int LoopbackHttpServer::WaitForRequests(const std::string& path, int count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  auto seen = [&] { return static_cast<int>(std::count(requests_.begin(), requests_.end(), path)); };
  request_arrived_.wait_for(lock, timeout, [&] { return seen() >= count; });
  return seen();
}

int LoopbackHttpServer::Connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

uint16_t LoopbackHttpServer::ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw Failure("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    auto error = Failure("bind 127.0.0.1:0");
    ::close(fd);
    throw error;
  }
  ::close(fd);  // bound but never listening, now closed: connects are refused
  return ntohs(address.sin_port);
}

void LoopbackHttpServer::Run() {
  std::vector<std::unique_ptr<Connection>> connections;
  for (;;) {
    // Sleep until a socket is readable, the stop pipe fires, or the next
    // delayed answer is due.
    int timeout_ms = -1;
    auto now = Clock::now();
    for (const auto& c : connections) {
      if (!c->answer_at) continue;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*c->answer_at - now).count();
      int ms = static_cast<int>(std::max<long long>(0, left));
      timeout_ms = timeout_ms < 0 ? ms : std::min(timeout_ms, ms);
    }
    std::vector<pollfd> fds = {{stop_pipe_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const auto& c : connections) {
      fds.push_back({c->fd, static_cast<short>(c->answered_or_silent ? 0 : POLLIN), 0});
    }
    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) return;
    if (fds[0].revents) return;  // stop

    if (fds[1].revents & POLLIN) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        timeval send_timeout{2, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
        auto connection = std::make_unique<Connection>();
        connection->fd = fd;
        connections.push_back(std::move(connection));
        std::lock_guard lock(mutex_);
        ++connections_;
      }
    }

    for (size_t i = 0; i < connections.size(); ++i) {
      Connection& c = *connections[i];
      if (i + 2 >= fds.size()) continue;
      short revents = fds[i + 2].revents;
      if (!revents) continue;
      if (c.answered_or_silent) {
        // A held or delayed connection whose peer hung up: drop it (poll
        // would report the hang-up again and again).
        if (revents & (POLLHUP | POLLERR)) {
          ::close(c.fd);
          c.fd = -1;
          c.answer_at.reset();
        }
        continue;
      }
      char chunk[4096];
      ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
      if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        c.answered_or_silent = true;  // the peer went away before asking
        c.answer_at.reset();
        ::close(c.fd);
        c.fd = -1;
        continue;
      }
      c.request.append(chunk, static_cast<size_t>(n));
      if (c.request.find("\r\n\r\n") == std::string::npos) {
        if (c.request.size() > kMaxRequestBytes) {
          c.answered_or_silent = true;
          c.answer_at = Clock::now();
          c.answer = Serialize({431, {}, "request header too large", {}, false});
        }
        continue;
      }
      // A body (a POST's) is read whole, by its Content-Length, before answering.
      const size_t header_end = c.request.find("\r\n\r\n") + 4;
      std::string lower_header = c.request.substr(0, header_end);
      std::transform(lower_header.begin(), lower_header.end(), lower_header.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      size_t body_length = 0;
      if (size_t at = lower_header.find("\r\ncontent-length:"); at != std::string::npos) {
        body_length = std::strtoul(lower_header.c_str() + at + 17, nullptr, 10);
      }
      if (c.request.size() < header_end + body_length && body_length <= kMaxRequestBytes) continue;
      // "GET /path HTTP/1.1": the target is the second word.
      std::string path;
      size_t first = c.request.find(' ');
      if (first != std::string::npos) {
        size_t second = c.request.find(' ', first + 1);
        path = c.request.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
      }
      Response response;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(path);
        if (c.request.rfind("POST ", 0) == 0) posts_.emplace_back(path, c.request.substr(header_end, body_length));
        std::string cookie;
        if (size_t at = lower_header.find("\r\ncookie:"); at != std::string::npos) {
          const size_t begin = c.request.find_first_not_of(' ', at + 9);
          cookie = c.request.substr(begin, c.request.find("\r\n", begin) - begin);
        }
        cookie_headers_.emplace_back(path, std::move(cookie));
        request_arrived_.notify_all();
        auto it = routes_.find(path);
        if (it != routes_.end()) {
          response = it->second;
        } else {
          response.status = 404;
          response.headers = {{"Content-Type", "text/plain"}};
          response.body = "no such path: " + path;
        }
      }
      c.answered_or_silent = true;
      if (response.never_answer) continue;  // held open, silent, until we stop
      c.answer = Serialize(response);
      c.answer_at = Clock::now() + response.delay;
    }

    now = Clock::now();
    for (auto& connection : connections) {
      Connection& c = *connection;
      if (!c.answer_at || *c.answer_at > now || c.fd < 0) continue;
      WriteAll(c.fd, c.answer);
      ::shutdown(c.fd, SHUT_WR);
      ::close(c.fd);
      c.fd = -1;
      c.answer_at.reset();
    }
    connections.erase(std::remove_if(connections.begin(), connections.end(), [](const auto& c) { return c->fd < 0; }),
                      connections.end());
  }
}

}  // namespace sandtab::test
