#ifndef SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_SERVER_H_
#define SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_SERVER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "base/result.h"
#include "browser/devtools/devtools_http.h"
#include "browser/devtools/devtools_protocol.h"
#include "browser/devtools/websocket_channel.h"

namespace sandtab::browser {

// The DevTools port: accepts on 127.0.0.1 only, reads each HTTP request
// (bounded in size and time: a silent client is dropped), answers it with
// DevToolsHttp, and turns an upgrade to a known target's WebSocket path
// into a WebSocketChannel driving a CdpClient. All of it asynchronous on
// the browser's loop.
class DevToolsServer {
 public:
  struct Limits {
    std::chrono::milliseconds request_timeout{10000};
    size_t max_request_bytes = 64 * 1024;
    WebSocketChannel::Limits websocket;
  };

  // Listens on 127.0.0.1:`port` (0: a free port the system picks).
  static Result<std::unique_ptr<DevToolsServer>> Start(boost::asio::io_context& io, int port,
                                                       DevToolsProtocol& protocol, Limits limits);
  ~DevToolsServer();

  int port() const { return port_; }
  // ws://127.0.0.1:PORT/devtools/browser/ID, as the stderr line gives it.
  std::string BrowserWebSocketUrl() const;

 private:
  DevToolsServer(boost::asio::io_context& io, DevToolsProtocol& protocol, Limits limits);
  void Accept();

  boost::asio::ip::tcp::acceptor acceptor_;
  DevToolsProtocol& protocol_;
  DevToolsHttp http_;
  const Limits limits_;
  int port_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_DEVTOOLS_SERVER_H_
