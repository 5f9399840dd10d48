#ifndef SANDTAB_TESTS_BROWSER_LOOPBACK_SERVER_H_
#define SANDTAB_TESTS_BROWSER_LOOPBACK_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sandtab::browser::testing {

// A tiny HTTP/1.1 server on 127.0.0.1, port 0, in its own thread, with plain
// blocking sockets so it shares nothing with the loop under test. For each
// request the handler gets the request target and returns the raw bytes to
// send back, then the connection is closed. A response starting with kHang
// sends what follows kHang (maybe nothing) and then holds the connection open
// until the server is destroyed.
class LoopbackServer {
 public:
  static inline const std::string kHang = "<hang>";
  using Handler = std::function<std::string(const std::string& target, int port)>;

  explicit LoopbackServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(listen_fd_, 16) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        ::pipe(stop_) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~LoopbackServer() {
    if (thread_.joinable()) {
      char byte = 'x';
      (void)!::write(stop_[1], &byte, 1);
      thread_.join();
    }
    for (int fd : held_) ::close(fd);
    for (int fd : {listen_fd_, stop_[0], stop_[1]}) {
      if (fd >= 0) ::close(fd);
    }
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  bool ok() const { return port_ > 0; }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int requests() const { return requests_.load(); }
  std::vector<std::string> targets() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return targets_;
  }

  // Helpers for handlers.
  static std::string Response(int status, const std::string& body, const std::string& extra_headers = "",
                              const std::string& content_type = "text/html; charset=utf-8") {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" + extra_headers + "\r\n" +
           body;
  }
  static std::string Redirect(const std::string& location, int status = 302) {
    return Response(status, "", "Location: " + location + "\r\n");
  }

 private:
  void Serve() {
    for (;;) {
      pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) continue;
      if (fds[1].revents) return;
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::string target = ReadTarget(fd);
      ++requests_;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        targets_.push_back(target);
      }
      std::string response = handler_(target, port_);
      if (response.rfind(kHang, 0) == 0) {
        WriteAll(fd, response.substr(kHang.size()));
        held_.push_back(fd);
        continue;
      }
      WriteAll(fd, response);
      ::shutdown(fd, SHUT_WR);
      ::close(fd);
    }
  }

  // Reads the request head (bounded in size and time) and returns its target.
  static std::string ReadTarget(int fd) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 64 * 1024) {
      pollfd p = {fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      ssize_t n = ::read(fd, buffer, sizeof(buffer));
      if (n <= 0) break;
      head.append(buffer, static_cast<size_t>(n));
    }
    size_t first = head.find(' ');
    size_t second = first == std::string::npos ? first : head.find(' ', first + 1);
    if (second == std::string::npos) return "";
    return head.substr(first + 1, second - first - 1);
  }

  static void WriteAll(int fd, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return;  // the client gave up (e.g. over its body cap)
      done += static_cast<size_t>(n);
    }
  }

  Handler handler_;
  int listen_fd_ = -1;
  int stop_[2] = {-1, -1};
  int port_ = 0;
  std::thread thread_;
  std::vector<int> held_;  // only touched by the server thread until join
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> targets_;
};

}  // namespace sandtab::browser::testing

#endif  // SANDTAB_TESTS_BROWSER_LOOPBACK_SERVER_H_
