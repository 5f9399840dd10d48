// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) that runs
// on a thread of its own, for tests of a browser's network stack: it serves
// a map path -> response, can delay an answer or never answer at all, and
// records the paths it was asked for. One request per connection
// ("Connection: close"); anything unknown gets a 404.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sandtab::test {

class LoopbackHttpServer {
 public:
  struct Response {
    int status = 200;
    // Extra header lines (name, value). Content-Length and
    // "Connection: close" are added unless given here.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // The answer is sent this long after the request arrived.
    std::chrono::milliseconds delay{0};
    // Accept, read the request, then keep the connection open and silent
    // until the server is destroyed.
    bool never_answer = false;
  };

  // Binds `address` (any of 127.0.0.0/8: 127.0.0.2 is another site than
  // 127.0.0.1) and starts serving; throws std::runtime_error if it cannot.
  explicit LoopbackHttpServer(const std::string& address = "127.0.0.1");
  // Stops the thread (bounded: it polls a stop pipe) and closes every
  // connection, including the silent ones.
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  // Adds or replaces the response for an absolute path ("/a/b.html").
  void Serve(const std::string& path, Response response);
  // Shorthand: 200 with the given Content-Type and body.
  void Serve(const std::string& path, const std::string& content_type, std::string body);

  uint16_t port() const { return port_; }
  // "http://ADDRESS:PORT" + path.
  std::string Url(const std::string& path) const;
  // The same server under another host name that resolves to it
  // ("localhost"): another site for the browser.
  std::string UrlAs(const std::string& host, const std::string& path) const;
  // Paths of every request received so far, in arrival order.
  std::vector<std::string> Requests() const;
  int RequestCount(const std::string& path) const;
  // The POST requests received so far: path and body, in arrival order.
  std::vector<std::pair<std::string, std::string>> Posts() const;
  // The Cookie header of each request for `path` so far, in arrival order
  // ("" for a request that carried none).
  std::vector<std::string> CookieHeaders(const std::string& path) const;
  // Waits (at most `timeout`) until `path` was asked for at least `count`
  // times; returns RequestCount(path). A browser may show what a renderer
  // did (a title) before its fetch for it has reached this thread.
  int WaitForRequests(const std::string& path, int count, std::chrono::milliseconds timeout) const;
  // Connections accepted so far.
  int Connections() const;

  // A loopback port with nothing listening on it (bound, read, closed): a
  // connect() to it is refused.
  static uint16_t ClosedPort();

 private:
  struct Connection;
  void Run();

  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::string address_;
  mutable std::mutex mutex_;
  mutable std::condition_variable request_arrived_;
  std::map<std::string, Response> routes_;
  std::vector<std::string> requests_;
  std::vector<std::pair<std::string, std::string>> posts_;
  std::vector<std::pair<std::string, std::string>> cookie_headers_;  // path, Cookie
  int connections_ = 0;
  std::thread thread_;
};

}  // namespace sandtab::test
