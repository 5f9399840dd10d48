#include "browser/devtools/devtools_server.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <optional>

namespace sandtab::browser {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;

// One HTTP connection: requests answered in turn (keep-alive), until it
// upgrades to a WebSocket, closes, or says nothing for `request_timeout`.
// `alive` is the server's: a connection outliving it answers nothing more.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(tcp::socket socket, DevToolsProtocol& protocol, DevToolsHttp& http,
                 const DevToolsServer::Limits& limits, std::weak_ptr<bool> alive)
      : stream_(std::move(socket)), protocol_(protocol), http_(http), limits_(limits), alive_(std::move(alive)) {}

  void Read() {
    parser_.emplace();
    parser_->body_limit(limits_.max_request_bytes);
    parser_->header_limit(static_cast<uint32_t>(limits_.max_request_bytes));
    stream_.expires_after(limits_.request_timeout);
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec || self->alive_.expired()) return self->Drop();
      self->OnRequest(self->parser_->release());
    });
  }

 private:
  void OnRequest(http::request<http::string_body> request) {
    const std::string host(request[http::field::host]);
    if (beast::websocket::is_upgrade(request)) return Upgrade(std::move(request), host);
    HttpAnswer answer = http_.Answer(std::string(request.method_string()), std::string(request.target()), host);
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(answer.status),
                                                                        request.version());
    response->set(http::field::content_type, answer.content_type);
    response->keep_alive(request.keep_alive());
    response->body() = std::move(answer.body);
    response->prepare_payload();
    stream_.expires_after(limits_.request_timeout);
    http::async_write(stream_, *response, [self = shared_from_this(), response](beast::error_code ec, size_t) {
      if (ec || !response->keep_alive()) return self->Drop();
      self->Read();
    });
  }

  void Upgrade(http::request<http::string_body> request, const std::string& host) {
    auto target =
        DevToolsHttp::IsAllowedHost(host) ? http_.WebSocketTarget(std::string(request.target())) : std::nullopt;
    if (!target) {
      const bool bad_host = !DevToolsHttp::IsAllowedHost(host);
      HttpAnswer answer{
          bad_host ? 500 : 404, "text/plain; charset=UTF-8",
          bad_host ? DevToolsHttp::kBadHostMessage : "No such target id: " + std::string(request.target())};
      auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(answer.status),
                                                                          request.version());
      response->set(http::field::content_type, answer.content_type);
      response->keep_alive(false);
      response->body() = std::move(answer.body);
      response->prepare_payload();
      http::async_write(stream_, *response,
                        [self = shared_from_this(), response](beast::error_code, size_t) { self->Drop(); });
      return;
    }
    auto channel = WebSocketChannel::Create(stream_.release_socket(), limits_.websocket);
    std::weak_ptr<WebSocketChannel> weak = channel;
    auto client = protocol_.Connect(
        target->first, target->second,
        [weak](std::string text) {
          if (auto open = weak.lock()) open->Send(std::move(text));
        },
        [weak] {
          if (auto open = weak.lock()) open->Close();
        });
    channel->Accept(
        request, [client](std::string_view text) { client->OnMessage(text); }, [client] { client->OnClosed(); });
  }

  void Drop() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  DevToolsProtocol& protocol_;
  DevToolsHttp& http_;
  const DevToolsServer::Limits& limits_;
  std::weak_ptr<bool> alive_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

Result<std::unique_ptr<DevToolsServer>> DevToolsServer::Start(boost::asio::io_context& io, int port,
                                                              DevToolsProtocol& protocol, Limits limits) {
  std::unique_ptr<DevToolsServer> server(new DevToolsServer(io, protocol, limits));
  boost::system::error_code ec;
  const tcp::endpoint endpoint(boost::asio::ip::address_v4::loopback(), static_cast<unsigned short>(port));
  server->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) server->acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) server->acceptor_.bind(endpoint, ec);
  if (!ec) server->acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return Error{"cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + ec.message()};
  server->port_ = server->acceptor_.local_endpoint().port();
  server->Accept();
  return server;
}

DevToolsServer::DevToolsServer(boost::asio::io_context& io, DevToolsProtocol& protocol, Limits limits)
    : acceptor_(io), protocol_(protocol), http_(protocol), limits_(limits) {}

DevToolsServer::~DevToolsServer() {
  alive_.reset();
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

std::string DevToolsServer::BrowserWebSocketUrl() const {
  return http_.BrowserWebSocketUrl("127.0.0.1:" + std::to_string(port_));
}

void DevToolsServer::Accept() {
  acceptor_.async_accept([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec, tcp::socket socket) {
    if (alive.expired()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<HttpConnection>(std::move(socket), protocol_, http_, limits_, alive)->Read();
    }
    Accept();
  });
}

}  // namespace sandtab::browser
