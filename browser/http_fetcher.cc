#include "browser/http_fetcher.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <memory>
#include <optional>

#include "browser/resource_loader.h"

namespace sandtab::browser {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// One fetch, alive until its last handler ran.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::io_context& io, const LoaderPolicy& policy, Url url,
              std::function<void(FetchResult)> done)
      : policy_(policy),
        url_(std::move(url)),
        done_(std::move(done)),
        resolver_(io),
        stream_(io),
        deadline_(io) {}

  void Start() {
    deadline_.expires_after(std::chrono::milliseconds(policy_.limits().http_timeout_ms));
    deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: the fetch finished first
      self->Complete(Failure("failed: timed out after " +
                             std::to_string(self->policy_.limits().http_timeout_ms) + " ms"));
    });
    Resolve();
  }

 private:
  static FetchResult Failure(std::string error) {
    FetchResult result;
    result.error = std::move(error);
    return result;
  }

  void Resolve() {
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            [self = shared_from_this()](const boost::system::error_code& ec,
                                                        tcp::resolver::results_type results) {
                              if (self->finished_) return;
                              if (ec) return self->Complete(Failure("failed: cannot resolve " + self->url_.host + ": " + ec.message()));
                              self->stream_.async_connect(results, [self](const boost::system::error_code& ec,
                                                                          const tcp::endpoint&) {
                                if (self->finished_) return;
                                if (ec) return self->Complete(Failure("failed: cannot connect to " + self->url_.host + ":" + std::to_string(self->url_.port) + ": " + ec.message()));
                                self->SendRequest();
                              });
                            });
  }

  void SendRequest() {
    request_ = {http::verb::get, url_.path, 11};
    request_.set(http::field::host, url_.host);
    request_.set(http::field::user_agent, "sandtab/0.1");
    request_.set(http::field::connection, "close");
    http::async_write(stream_, request_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
      if (self->finished_) return;
      if (ec) return self->Complete(Failure("failed: sending the request: " + ec.message()));
      self->ReadResponse();
    });
  }

  // The header first: a declared length over the cap is refused before a
  // single body byte is read or reserved (Beast 1.74 loses its own body-limit
  // error when the header and body arrive in one read).
  void ReadResponse() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(policy_.limits().max_body_bytes);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
      if (self->finished_) return;
      if (ec == http::error::body_limit) return self->Complete(Failure("failed: response declares more than the body cap"));
      if (ec) return self->Complete(Failure("failed: reading the response header: " + ec.message()));
      auto declared = self->parser_->content_length();
      if (declared && *declared > self->policy_.limits().max_body_bytes) {
        return self->Complete(Failure("failed: response declares " + std::to_string(*declared) +
                                      " bytes, more than the body cap"));
      }
      self->ReadBody();
    });
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
      if (self->finished_) return;
      if (ec == http::error::body_limit) return self->Complete(Failure("failed: response larger than the body cap"));
      if (ec) return self->Complete(Failure("failed: reading the response: " + ec.message()));
      if (self->parser_->get().body().size() > self->policy_.limits().max_body_bytes) {
        return self->Complete(Failure("failed: response larger than the body cap"));
      }
      self->OnResponse();
    });
  }

  void OnResponse() {
    auto& response = parser_->get();
    unsigned status = response.result_int();
    if (status >= 300 && status < 400 && response.count(http::field::location)) {
      if (++redirects_ > policy_.limits().max_redirects) {
        return Complete(Failure("failed: more than " + std::to_string(policy_.limits().max_redirects) + " redirects"));
      }
      std::string location(response[http::field::location]);
      if (!location.empty() && location[0] == '/') {
        location = "http://" + url_.host + ":" + std::to_string(url_.port) + location;
      }
      auto next = ParseUrl(location);
      if (!next) return Complete(Failure("failed: bad redirect: " + next.error()));
      // Every hop passes the same policy: a redirect cannot reach file:.
      PolicyDecision decision = policy_.Check(*next);
      if (!decision.allowed || next->scheme != "http") {
        return Complete(Failure("refused redirect to " + location + " by rule \"" + decision.rule + "\""));
      }
      url_ = *next;
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.close();
      buffer_.clear();
      return Resolve();
    }
    FetchResult result;
    result.final_url = url_.spec;
    result.mime_type = std::string(response[http::field::content_type]);
    result.mime_type = result.mime_type.substr(0, result.mime_type.find(';'));
    result.body = std::move(response.body());
    result.ok = status >= 200 && status < 300;
    if (!result.ok) result.error = "failed: HTTP " + std::to_string(status);
    Complete(std::move(result));
  }

  void Complete(FetchResult result) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    resolver_.cancel();
    beast::error_code ignored;
    stream_.socket().close(ignored);
    auto done = std::move(done_);
    done(std::move(result));
  }

  const LoaderPolicy& policy_;
  Url url_;
  std::function<void(FetchResult)> done_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  boost::asio::steady_timer deadline_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  int redirects_ = 0;
  bool finished_ = false;
};

}  // namespace

HttpFetcher::HttpFetcher(boost::asio::io_context& io, const LoaderPolicy& policy)
    : io_(io), policy_(policy) {}

void HttpFetcher::Fetch(const Url& url, std::function<void(FetchResult)> done) {
  std::make_shared<HttpSession>(io_, policy_, url, std::move(done))->Start();
}

}  // namespace sandtab::browser
