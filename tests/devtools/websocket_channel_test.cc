// WebSocketChannel over real loopback sockets: frames both ways, and the
// bounds that drop a client instead of waiting for it.
#include "browser/devtools/websocket_channel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace sandtab::browser {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using boost::asio::ip::tcp;

// The server's end: accepts one connection, reads its upgrade request and
// hands both to a WebSocketChannel, all on `io`.
struct ChannelServer {
  boost::asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0)};
  std::shared_ptr<WebSocketChannel> channel;
  std::vector<std::string> received;
  bool closed = false;

  void AcceptOne(WebSocketChannel::Limits limits) {
    acceptor.async_accept([this, limits](boost::system::error_code ec, tcp::socket socket) {
      ASSERT_FALSE(ec);
      auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
      auto buffer = std::make_shared<beast::flat_buffer>();
      auto request = std::make_shared<http::request<http::string_body>>();
      http::async_read(*stream, *buffer, *request, [=, this](beast::error_code read_ec, size_t) {
        ASSERT_FALSE(read_ec) << read_ec.message() << " after: " << beast::buffers_to_string(buffer->data());
        channel = WebSocketChannel::Create(stream->release_socket(), limits);
        channel->Accept(
            *request, [this](std::string_view text) { received.emplace_back(text); }, [this] { closed = true; });
      });
    });
  }
  // Runs the loop until `done` or a bound of ten seconds; false on the bound.
  template <typename Pred>
  bool RunUntil(Pred done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      io.run_for(std::chrono::milliseconds(10));
    }
    return true;
  }
  int port() const { return acceptor.local_endpoint().port(); }
};

TEST(WebSocketChannelTest, CarriesTextFramesBothWays) {
  ChannelServer server;
  server.AcceptOne({});
  std::atomic<bool> client_done{false};
  std::string client_got;
  std::thread client([&] {
    boost::asio::io_context io;
    websocket::stream<tcp::socket> ws(io);
    ws.next_layer().connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), server.port()));
    ws.handshake("127.0.0.1", "/devtools/browser/x");
    ws.write(boost::asio::buffer(std::string("hello")));
    beast::flat_buffer buffer;
    ws.read(buffer);
    client_got = beast::buffers_to_string(buffer.data());
    ws.close(websocket::close_code::normal);
    client_done = true;
  });
  ASSERT_TRUE(server.RunUntil([&] { return !server.received.empty(); }));
  EXPECT_EQ(server.received[0], "hello");
  EXPECT_TRUE(server.channel->Send("world"));
  ASSERT_TRUE(server.RunUntil([&] { return client_done.load() && server.closed; }));
  client.join();
  EXPECT_EQ(client_got, "world");
}

TEST(WebSocketChannelTest, AQueuePastItsBoundDropsTheClient) {
  ChannelServer server;
  WebSocketChannel::Limits limits;
  limits.max_queued_bytes = 1000;
  server.AcceptOne(limits);
  std::thread client([&] {
    boost::asio::io_context io;
    websocket::stream<tcp::socket> ws(io);
    ws.next_layer().connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), server.port()));
    beast::error_code ec;
    ws.handshake("127.0.0.1", "/", ec);
    beast::flat_buffer buffer;
    ws.read(buffer, ec);  // ends when the server drops us
  });
  ASSERT_TRUE(server.RunUntil([&] { return server.channel != nullptr; }));
  // Queued before the handshake is answered: nothing is written yet.
  EXPECT_TRUE(server.channel->Send(std::string(600, 'a')));
  EXPECT_FALSE(server.channel->Send(std::string(600, 'b')));
  EXPECT_TRUE(server.closed);
  EXPECT_FALSE(server.channel->Send("more"));
  client.join();
}

TEST(WebSocketChannelTest, AClientThatStopsReadingIsDroppedAfterTheWriteTimeout) {
  ChannelServer server;
  WebSocketChannel::Limits limits;
  limits.write_timeout = std::chrono::milliseconds(200);
  server.AcceptOne(limits);
  std::atomic<bool> release{false};
  std::thread client([&] {
    boost::asio::io_context io;
    websocket::stream<tcp::socket> ws(io);
    ws.next_layer().connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), server.port()));
    ws.next_layer().set_option(boost::asio::socket_base::receive_buffer_size(4096));
    beast::error_code ec;
    ws.handshake("127.0.0.1", "/", ec);
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));  // never reads
  });
  ASSERT_TRUE(server.RunUntil([&] { return server.channel && server.channel->open(); }));
  // Far more than the socket buffers hold: the write cannot finish.
  EXPECT_TRUE(server.channel->Send(std::string(size_t{48} << 20, 'x')));
  EXPECT_TRUE(server.RunUntil([&] { return server.closed; })) << "the stuck client was not dropped";
  release = true;
  client.join();
}

}  // namespace
}  // namespace sandtab::browser
