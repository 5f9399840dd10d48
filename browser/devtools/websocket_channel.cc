#include "browser/devtools/websocket_channel.h"

namespace sandtab::browser {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

std::shared_ptr<WebSocketChannel> WebSocketChannel::Create(boost::asio::ip::tcp::socket socket, Limits limits) {
  return std::shared_ptr<WebSocketChannel>(new WebSocketChannel(std::move(socket), limits));
}

WebSocketChannel::WebSocketChannel(boost::asio::ip::tcp::socket socket, Limits limits)
    : ws_(std::move(socket)), limits_(limits), write_deadline_(ws_.get_executor()) {}

void WebSocketChannel::Accept(const beast::http::request<beast::http::string_body>& request, MessageHandler on_message,
                              CloseHandler on_closed) {
  on_message_ = std::move(on_message);
  on_closed_ = std::move(on_closed);
  // The WebSocket keeps its own time (the handshake's); writes have ours.
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.read_message_max(limits_.max_message_bytes);
  ws_.text(true);
  ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->End();
    self->open_ = true;
    self->Read();
    self->WriteNext();  // anything queued during the handshake
  });
}

void WebSocketChannel::Read() {
  ws_.async_read(read_buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) return self->End();
    const std::string text = beast::buffers_to_string(self->read_buffer_.data());
    self->read_buffer_.consume(self->read_buffer_.size());
    if (self->on_message_) self->on_message_(text);
    if (!self->ended_) self->Read();
  });
}

bool WebSocketChannel::Send(std::string text) {
  if (ended_) return false;
  if (queued_bytes_ + text.size() > limits_.max_queued_bytes) {
    // A client this far behind is not reading: drop it rather than hold
    // the browser's memory for it.
    Close();
    return false;
  }
  queued_bytes_ += text.size();
  queue_.push_back(std::move(text));
  WriteNext();
  return true;
}

void WebSocketChannel::WriteNext() {
  if (!open_ || writing_ || ended_ || queue_.empty()) return;
  writing_ = true;
  write_deadline_.expires_after(limits_.write_timeout);
  write_deadline_.async_wait([weak = weak_from_this()](beast::error_code ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->Close();  // a write stuck this long: the peer stopped reading
  });
  ws_.async_write(boost::asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
    self->writing_ = false;
    self->write_deadline_.cancel();
    if (ec || self->ended_) return self->End();
    self->queued_bytes_ -= self->queue_.front().size();
    self->queue_.pop_front();
    self->WriteNext();
  });
}

void WebSocketChannel::Close() {
  if (ended_) return;
  // No closing handshake: a peer that is dropped may not read one either.
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).socket().close(ignored);
  End();
}

void WebSocketChannel::End() {
  if (ended_) return;
  ended_ = true;
  open_ = false;
  write_deadline_.cancel();
  // A write in flight still points into the front message: the queue goes
  // with the channel, not before.
  if (!writing_) queue_.clear();
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  // The handlers hold the client: release them once, after telling it.
  auto on_closed = std::move(on_closed_);
  on_message_ = nullptr;
  if (on_closed) on_closed();
}

}  // namespace sandtab::browser
