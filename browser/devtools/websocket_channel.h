#ifndef SANDTAB_BROWSER_DEVTOOLS_WEBSOCKET_CHANNEL_H_
#define SANDTAB_BROWSER_DEVTOOLS_WEBSOCKET_CHANNEL_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace sandtab::browser {

// One WebSocket of the DevTools port, on the browser's loop. Text frames
// in, text frames out through a bounded queue: a client that reads too
// slowly (its queue past `max_queued_bytes`) or not at all (a write stuck
// past `write_timeout`) is dropped, never waited for, so no client can
// stall the tabs.
class WebSocketChannel : public std::enable_shared_from_this<WebSocketChannel> {
 public:
  struct Limits {
    size_t max_queued_bytes = size_t{64} << 20;  // a few dozen full-size screenshots
    std::chrono::milliseconds write_timeout{10000};
    size_t max_message_bytes = size_t{16} << 20;  // a command (Playwright's scripts are ~1 MB)
  };
  using MessageHandler = std::function<void(std::string_view text)>;
  using CloseHandler = std::function<void()>;

  static std::shared_ptr<WebSocketChannel> Create(boost::asio::ip::tcp::socket socket, Limits limits);

  // Answers the upgrade `request`, then reads until the peer closes;
  // `on_closed` runs once when the channel ends, whoever ended it.
  void Accept(const boost::beast::http::request<boost::beast::http::string_body>& request, MessageHandler on_message,
              CloseHandler on_closed);
  // Queues a text frame; false (and the channel dropped) past the bound.
  bool Send(std::string text);
  void Close();

  size_t queued_bytes() const { return queued_bytes_; }
  bool open() const { return open_; }

 private:
  WebSocketChannel(boost::asio::ip::tcp::socket socket, Limits limits);
  void Read();
  void WriteNext();
  void End();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  const Limits limits_;
  boost::beast::flat_buffer read_buffer_;
  std::deque<std::string> queue_;
  size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool open_ = false;
  bool ended_ = false;
  boost::asio::steady_timer write_deadline_;
  MessageHandler on_message_;
  CloseHandler on_closed_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_DEVTOOLS_WEBSOCKET_CHANNEL_H_
