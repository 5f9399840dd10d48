// The browser's HTTP response handling (browser/loader/http_fetcher.cc through
// ResourceLoader) against a real server on 127.0.0.1 that answers each
// connection with bytes the fuzzer chose: status lines, headers, lengths,
// chunking, redirects (relative, or absolute to "$P", the server's port).
// What must hold: exactly one answer per fetch, a refusal always says why,
// a body never past the cap, never more connections than 1 + the redirect
// cap, and no fd left behind.
//
// The run has a network namespace of its own (fuzz_network.h): a redirect
// the fuzzer invents never leaves the machine.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fuzzer/FuzzedDataProvider.h>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "browser/loader/loader_policy.h"
#include "browser/loader/resource_loader.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_network.h"

namespace {

using sandtab::fuzz::Check;
namespace browser = sandtab::browser;

// Up to this many responses per input: the first fetch plus redirects.
constexpr int kMaxResponses = 8;
// Short, so an input that makes the fetch wait costs little; a real page's
// deadline is the loader's default (LoaderLimits).
constexpr int kFetchTimeoutMs = 500;
// The body cap, small so the fuzzer can reach it.
constexpr size_t kBodyCap = 4096;

// A blocking server on its own thread: connection k of the current input
// gets response k ("$P" replaced by the port), then a close.
class ScriptedServer {
 public:
  ScriptedServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    Check(listen_fd_ >= 0 && ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
              ::listen(listen_fd_, 64) == 0 && ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0,
          "cannot listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    std::thread([this] { Serve(); }).detach();  // lives as long as the run
  }

  int port() const { return port_; }

  void SetScript(std::vector<std::string> responses) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::string& response : responses) {
      for (size_t at; (at = response.find("$P")) != std::string::npos;) {
        response.replace(at, 2, std::to_string(port_));
      }
    }
    script_ = std::move(responses);
    connections_ = 0;
  }
  int connections() {
    std::lock_guard<std::mutex> lock(mutex_);
    return connections_;
  }

 private:
  void Serve() {
    for (;;) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ReadRequest(fd);
      std::string response;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (connections_ < static_cast<int>(script_.size())) response = script_[connections_];
        ++connections_;
      }
      for (size_t sent = 0; sent < response.size();) {
        ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      ::close(fd);
    }
  }
  // Up to the blank line after the request's header, bounded in time.
  static void ReadRequest(int fd) {
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, kFetchTimeoutMs) <= 0) return;
      ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
      if (n <= 0) return;
      request.append(buffer, static_cast<size_t>(n));
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::mutex mutex_;
  std::vector<std::string> script_;
  int connections_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sandtab::fuzz::IsolateNetwork("http_response_fuzzer");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ScriptedServer* server = new ScriptedServer;
  // Libraries open some fds once per process, on first use: the first
  // fetch of the run is made before any fd is counted.
  static bool warmed_up = false;
  if (!warmed_up) {
    warmed_up = true;
    server->SetScript({"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"});
    boost::asio::io_context io;
    browser::ResourceLoader loader(io, browser::LoaderPolicy("/nonexistent"), false);
    loader.Fetch("http://127.0.0.1:" + std::to_string(server->port()) + "/", 1, browser::Requester::User(),
                 [](browser::FetchResult) {});
    io.run();
  }  // never destroyed: its thread runs to the end
  FuzzedDataProvider input(data, size);
  std::vector<std::string> responses;
  // Who asks: the user (may go anywhere), or a document of some address
  // space (Private Network Access decides on the address connected to).
  const int asker = input.ConsumeIntegralInRange<int>(0, 3);
  const browser::Requester requester =
      asker == 0 ? browser::Requester::User()
                 : browser::Requester::Document(static_cast<browser::AddressSpace>(asker - 1));
  const int count = input.ConsumeIntegralInRange<int>(1, kMaxResponses);
  for (int i = 0; i < count; ++i) {
    responses.push_back(i + 1 == count ? input.ConsumeRemainingBytesAsString() : input.ConsumeRandomLengthString());
  }
  server->SetScript(std::move(responses));

  const int fds_before = sandtab::fuzz::OpenFdCount();
  int answers = 0;
  browser::FetchResult result;
  {
    boost::asio::io_context io;
    browser::LoaderLimits limits;
    limits.max_body_bytes = kBodyCap;
    limits.http_timeout_ms = kFetchTimeoutMs;
    browser::ResourceLoader loader(io, browser::LoaderPolicy("/nonexistent", limits), /*log_to_stderr=*/false);
    loader.Fetch("http://127.0.0.1:" + std::to_string(server->port()) + "/", 1, requester, [&](browser::FetchResult r) {
      ++answers;
      result = std::move(r);
    });
    io.run();
    Check(!loader.broker_log().empty() && !loader.broker_log().back().rule.empty(),
          "a fetch the broker log does not name");
  }
  Check(answers == 1, "a fetch answered other than exactly once");
  Check(result.ok == result.error.empty(), "an answer whose ok and error disagree");
  if (result.ok) Check(result.body.size() <= kBodyCap, "a body past the cap");
  Check(server->connections() <= 1 + browser::LoaderLimits{}.max_redirects, "more connections than redirects allow");
  // The server's thread holds a connection's fd a moment after the fetch
  // is done with it: a leak is an fd still open after that moment.
  for (int wait = 0; sandtab::fuzz::OpenFdCount() > fds_before; ++wait) {
    Check(wait < 1000, "an fd left open by a fetch");
    ::usleep(1000);
  }
  return 0;
}
